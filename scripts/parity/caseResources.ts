/**
 * Turns the Kubernetes YAML of an analyzer test case into the resources the policy pack receives from the engine
 * (type token `kubernetes:<group>/<version>:<Kind>`, props = the object), and names each the way istioctl prints
 * a resource (`Kind [namespace/]name`: no namespace where the file gives none). The case's mesh config and mesh
 * networks become the `istio` ConfigMap of `istio-system`, which is where a cluster keeps them; the default
 * ingress gateway Pod and Service are added as istioctl's test harness adds them.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { OfflineResource } from "../../policy-pack/offline";

export interface CaseResources {
  readonly resources: OfflineResource[];
  /** The istioctl name (`Kind [namespace/]name`) of each resource, by URN. */
  readonly origins: ReadonlyMap<string, string>;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  items?: KubeObject[];
}

/** `kubernetes:core/v1:Pod`, `kubernetes:networking.istio.io/v1:VirtualService`. */
export function typeToken(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  return `kubernetes:${group}/${version}:${kind}`;
}

/** istioctl's `FriendlyName`: `Kind namespace/name`, or `Kind name` for an object without a namespace. */
export function friendlyName(kind: string, name: string, namespace: string | undefined): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

function objectsOf(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    const object = document.toJSON() as KubeObject | null;
    if (object?.kind === "List") objects.push(...(object.items ?? []));
    else if (object?.kind) objects.push(object);
  }
  return objects;
}

/** The mesh config or mesh networks file as the `istio` ConfigMap (`mesh` and `meshNetworks` keys). */
function meshConfigMap(mesh: string | undefined, meshNetworks: string | undefined): KubeObject & { data: Record<string, string> } {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "istio", namespace: "istio-system" },
    data: { ...(mesh !== undefined ? { mesh } : {}), ...(meshNetworks !== undefined ? { meshNetworks } : {}) },
  };
}

/** Name of the `istio` ConfigMap stand-in, so its findings can be named as istioctl names the mesh config. */
export const meshConfigMapOrigin = "ConfigMap istio-system/istio";

/**
 * The ingress gateway Pod and Service istioctl's harness adds to every case (local.AddDefaultResources, unless the
 * mesh config turns the ingress controller off): the cases are written against them.
 */
function defaultIngressGateway(meshConfig: string | undefined): KubeObject[] {
  if (meshConfig !== undefined && /ingressControllerMode:\s*["']?OFF/.test(meshConfig)) return [];
  const service = (/ingressService:\s*["']?([\w.-]+)/.exec(meshConfig ?? "")?.[1]) ?? "istio-ingressgateway";
  const port = (name: string, number: number) => ({ name, port: number, protocol: "TCP", targetPort: number });
  return [
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${service}-dummypod`, namespace: "istio-system", labels: { istio: "ingressgateway" } } as KubeObject["metadata"],
      spec: { containers: [{ name: "istio-proxy" }] },
    } as KubeObject,
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: service, namespace: "istio-system" },
      spec: { ports: [port("http2", 80), port("https", 443), port("tcp", 31400), port("tls", 15443)], selector: { istio: "ingressgateway" } },
    } as KubeObject,
  ];
}

export function caseResources(baseDir: string, files: readonly string[], meshConfigFile?: string, meshNetworksFile?: string): CaseResources {
  const objects = files.flatMap((file) => objectsOf(fs.readFileSync(path.join(baseDir, file), "utf8")));
  if (meshConfigFile !== undefined || meshNetworksFile !== undefined) {
    const read = (file: string | undefined) => (file === undefined ? undefined : fs.readFileSync(path.join(baseDir, file), "utf8"));
    objects.push(meshConfigMap(read(meshConfigFile), read(meshNetworksFile)));
  }
  objects.push(...defaultIngressGateway(meshConfigFile === undefined ? undefined : fs.readFileSync(path.join(baseDir, meshConfigFile), "utf8")));
  return offlineResources(objects);
}

/** Kubernetes objects as the engine hands them to the pack, each with the name istioctl gives it. */
export function offlineResources(objects: readonly KubeObject[]): CaseResources {
  const origins = new Map<string, string>();
  const resources = objects.map((object, index) => {
    const kind = object.kind ?? "";
    const name = object.metadata?.name ?? "";
    const namespace = object.metadata?.namespace;
    const type = typeToken(object.apiVersion ?? "v1", kind);
    const urn = `urn:pulumi:parity::istioctl-cases::${type}::${kind}-${namespace ?? ""}-${name}-${index}`;
    origins.set(urn, friendlyName(kind, name, namespace));
    return { type, name: `${namespace ?? ""}-${name}`, urn, props: object as Record<string, unknown>, dependencies: [] };
  });
  return { resources, origins };
}
