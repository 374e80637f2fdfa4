/**
 * The `x-kubernetes-validations` (CEL) rules of Istio 1.30.4's CRDs that the generated models don't check.
 * Field-name based rules (durations, ports) apply wherever the field occurs, as in the CRDs; free-form Envoy
 * config inside EnvoyFilter patches is skipped.
 */
import { durationProblem } from "./duration";
import { Finding } from "./messages";
import { IstioKind } from "./meshResource";
import { asArray, asRecord, asString, isRecord, isSet, Json } from "./values";

const durationFields = new Set([
  "backoff", "baseEjectionTime", "connectTimeout", "duration", "exponentialDelay", "fixedDelay", "idleTimeout",
  "interval", "maxAge", "maxConnectionDuration", "perTryTimeout", "reportingInterval", "time", "timeout",
  "warmupDurationSecs",
]);
const portFields = new Set(["number", "portNumber", "targetPort"]);
const freeFormFields = new Set(["patch"]);

function rule(path: string, found: unknown, expected: string): Finding {
  return { path, found, expected, fix: "The Kubernetes API server rejects this resource; correct the field." };
}

function walkFields(value: unknown, path: string, findings: Finding[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkFields(item, `${path}[${i}]`, findings));
    return;
  }
  if (!isRecord(value)) {
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (durationFields.has(key) && typeof child === "string" && durationProblem(child)) {
      findings.push(rule(childPath, child, "a valid duration of at least 1ms"));
    } else if (portFields.has(key) && typeof child === "number" && !(child > 0 && child <= 65535)) {
      findings.push(rule(childPath, child, "a port between 1 and 65535"));
    } else if (!freeFormFields.has(key)) {
      walkFields(child, childPath, findings);
    }
  }
}

function selectorLabels(spec: Json): { path: string; labels: Json } | undefined {
  for (const [field, labelsKey] of [["selector", "matchLabels"], ["workloadSelector", "labels"], ["workloadSelector", "matchLabels"]]) {
    const labels = asRecord(spec[field])[labelsKey];
    if (isRecord(labels)) {
      return { path: `spec.${field}.${labelsKey}`, labels };
    }
  }
  return undefined;
}

function checkSelector(spec: Json, findings: Finding[]): void {
  const selector = selectorLabels(spec);
  for (const [key, value] of Object.entries(selector?.labels ?? {})) {
    if (key === "" || key.includes("*")) {
      findings.push(rule(`${selector?.path}`, key, "a non-empty label key without wildcard"));
    }
    if (typeof value === "string" && value.includes("*")) {
      findings.push(rule(`${selector?.path}.${key}`, value, "a label value without wildcard"));
    }
  }
  const targeting = [isSet(spec.selector) || isSet(spec.workloadSelector), isSet(spec.targetRef), isSet(spec.targetRefs)];
  if (targeting.filter(Boolean).length > 1) {
    findings.push(rule("spec.selector|targetRef|targetRefs", "more than one", "only one of selector or targetRefs"));
  }
  const targetRefs = [spec.targetRef, ...asArray(spec.targetRefs)].filter(isSet).map(asRecord);
  targetRefs.filter((ref) => asString(ref.namespace)).forEach((ref) =>
    findings.push(rule("spec.targetRefs[].namespace", ref.namespace, "no namespace (cross-namespace references are not supported)")),
  );
}

function checkTlsCredentials(tlsBlocks: Array<{ path: string; tls: Json }>, findings: Finding[]): void {
  for (const { path, tls } of tlsBlocks) {
    const sources = ["credentialName", "credentialNames", "tlsCertificates"].filter((field) => isSet(tls[field]));
    if (sources.length > 1) {
      findings.push(rule(path, sources, "only one of credentialName, credentialNames or tlsCertificates"));
    }
  }
}

function checkServiceEntry(spec: Json, findings: Finding[]): void {
  asArray(spec.hosts).forEach((host, i) => host === "*" && findings.push(rule(`spec.hosts[${i}]`, host, "a host that is not the bare wildcard")));
  const resolution = asString(spec.resolution) ?? "NONE";
  const endpoints = asArray(spec.endpoints);
  if (isSet(spec.workloadSelector) && isSet(spec.endpoints)) {
    findings.push(rule("spec.endpoints", "endpoints and workloadSelector", "only one of workloadSelector or endpoints"));
  }
  if (resolution === "NONE" && isSet(spec.endpoints)) {
    findings.push(rule("spec.endpoints", endpoints.length, "no endpoints with resolution NONE"));
  }
  if (resolution === "DNS_ROUND_ROBIN" && endpoints.length > 1) {
    findings.push(rule("spec.endpoints", endpoints.length, "at most one endpoint with resolution DNS_ROUND_ROBIN"));
  }
  if (asArray(spec.addresses).some((address) => String(address).includes("/")) && !["NONE", "STATIC"].includes(resolution)) {
    findings.push(rule("spec.resolution", resolution, "NONE or STATIC when addresses contain CIDRs"));
  }
}

/** Every CEL rule violation in an Istio resource's spec. */
export function celViolations(kind: IstioKind, spec: Json): Finding[] {
  const findings: Finding[] = [];
  walkFields(spec, "spec", findings);
  checkSelector(spec, findings);
  if (kind === "Gateway") {
    checkTlsCredentials(asArray(spec.servers).map((server, i) => ({ path: `spec.servers[${i}].tls`, tls: asRecord(asRecord(server).tls) })), findings);
  }
  if (kind === "Sidecar") {
    checkTlsCredentials(asArray(spec.ingress).map((ingress, i) => ({ path: `spec.ingress[${i}].tls`, tls: asRecord(asRecord(ingress).tls) })), findings);
  }
  if (kind === "ServiceEntry") {
    checkServiceEntry(spec, findings);
  }
  if (kind === "PeerAuthentication") {
    for (const port of Object.keys(asRecord(spec.portLevelMtls))) {
      const number = Number(port);
      if (!(Number.isInteger(number) && number > 0 && number <= 65535)) {
        findings.push(rule(`spec.portLevelMtls.${port}`, port, "a port between 1 and 65535"));
      }
    }
    if (isSet(spec.portLevelMtls) && Object.keys(asRecord(asRecord(spec.selector).matchLabels)).length === 0) {
      findings.push(rule("spec.selector.matchLabels", spec.selector, "a selector (portLevelMtls requires one)"));
    }
  }
  return findings;
}
