/**
 * Istio's annotation table (generated from istio.io/api, see scripts/generate) and the value checks the sidecar
 * injector applies (pkg/kube/inject/validate.go), as istioctl's annotation analyzer uses them.
 */
import { readFileSync } from "fs";
import * as path from "path";

export interface AnnotationDefinition {
  readonly name: string;
  readonly deprecated: boolean;
  /** The kinds it belongs on (`Any` for every kind). */
  readonly resources: readonly string[];
}

const generated = JSON.parse(readFileSync(path.join(__dirname, "..", "generated", "istioAnnotations.json"), "utf8")) as { annotations: AnnotationDefinition[] };
const definitions = new Map<string, AnnotationDefinition>(generated.annotations.map((entry) => [entry.name, entry]));

export function annotationDefinition(name: string): AnnotationDefinition | undefined {
  return definitions.get(name);
}

/** Annotations istiod and its controllers write themselves. */
export const selfWrittenAnnotations: ReadonlySet<string> = new Set(["sidecar.istio.io/status", "gateway.istio.io/controller-version", "istio.io/rev"]);

/** An Istio annotation: under an `*istio.io` prefix, or `kubernetes.io/ingress.class`. */
export function isIstioAnnotation(name: string): boolean {
  return name === "kubernetes.io/ingress.class" || name.split("/")[0].endsWith("istio.io");
}

const isUint = (bits: number) => (value: string) => /^\d+$/.test(value) && Number(value) < 2 ** bits;
const port = (value: string) => isUint(16)(value.trim());
const portList = (value: string) => value.trim() === "" || value.trim().split(",").every(port);
const cidr = (value: string) => {
  const [address, bits, ...rest] = value.split("/");
  if (rest.length > 0 || bits === undefined || !/^\d+$/.test(bits)) return false;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(address)) return address.split(".").every((octet) => Number(octet) <= 255 && !/^0\d/.test(octet)) && Number(bits) <= 32;
  return address.includes(":") && /^[0-9a-fA-F:.]+$/.test(address) && Number(bits) <= 128;
};
const cidrList = (value: string) => value === "" || value.split(",").every(cidr);
const interfaces = (value: string) => value === "" || value.split(",").map((name) => name.trim()).every((name) => name.length > 0 && name.length <= 15 && /^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name));
/** A Kubernetes resource quantity (`500m`, `1.5`, `128Mi`, `1e3`). */
const quantity = (value: string) => /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/.test(value);
const bool = (value: string) => ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"].includes(value);

/** What each validated annotation accepts. */
export const annotationValidators: Readonly<Record<string, { accepts: (value: string) => boolean; expected: string }>> = {
  "sidecar.istio.io/interceptionMode": { accepts: (value) => ["REDIRECT", "TPROXY", "NONE"].includes(value), expected: "REDIRECT, TPROXY or NONE" },
  "status.sidecar.istio.io/port": { accepts: port, expected: "a port number" },
  "readiness.status.sidecar.istio.io/initialDelaySeconds": { accepts: isUint(32), expected: "a non-negative integer" },
  "readiness.status.sidecar.istio.io/periodSeconds": { accepts: isUint(32), expected: "a non-negative integer" },
  "readiness.status.sidecar.istio.io/failureThreshold": { accepts: isUint(32), expected: "a non-negative integer" },
  "traffic.sidecar.istio.io/includeOutboundIPRanges": { accepts: (value) => value === "*" || cidrList(value), expected: "* or a comma-separated list of CIDRs" },
  "traffic.sidecar.istio.io/excludeOutboundIPRanges": { accepts: cidrList, expected: "a comma-separated list of CIDRs" },
  "traffic.sidecar.istio.io/includeInboundPorts": { accepts: (value) => value === "*" || portList(value), expected: "* or a comma-separated list of ports" },
  "traffic.sidecar.istio.io/excludeInboundPorts": { accepts: portList, expected: "a comma-separated list of ports" },
  "traffic.sidecar.istio.io/excludeOutboundPorts": { accepts: portList, expected: "a comma-separated list of ports" },
  "traffic.sidecar.istio.io/excludeInterfaces": { accepts: interfaces, expected: "a comma-separated list of interface names" },
  "traffic.sidecar.istio.io/kubevirtInterfaces": { accepts: interfaces, expected: "a comma-separated list of interface names" },
  "istio.io/reroute-virtual-interfaces": { accepts: interfaces, expected: "a comma-separated list of interface names" },
  "prometheus.istio.io/merge-metrics": { accepts: bool, expected: "true or false" },
  "sidecar.istio.io/proxyCPU": { accepts: quantity, expected: "a Kubernetes quantity" },
  "sidecar.istio.io/proxyMemory": { accepts: quantity, expected: "a Kubernetes quantity" },
  "sidecar.istio.io/proxyCPULimit": { accepts: quantity, expected: "a Kubernetes quantity" },
  "sidecar.istio.io/proxyMemoryLimit": { accepts: quantity, expected: "a Kubernetes quantity" },
};
