/** Walks a Gateway spec: its servers, their TLS settings and hosts. */
import { asArray, asRecord, asString, asStringArray, isSet, Json } from "./values";
import { Located } from "./virtualService";

export function servers(spec: Json): Located<Json>[] {
  return asArray(spec.servers).map((server, i) => ({ path: `spec.servers[${i}]`, value: asRecord(server) }));
}

export function serverProtocol(server: Json): string {
  return (asString(asRecord(server.port).protocol) ?? "").toUpperCase();
}

export function serverPort(server: Json): number | undefined {
  const port = asRecord(server.port).number;
  return typeof port === "number" ? port : undefined;
}

const passthroughModes = ["PASSTHROUGH", "AUTO_PASSTHROUGH"];

/**
 * HTTPS servers, and TLS servers that terminate TLS, need a certificate. A TLS server whose `tls` block has no
 * `mode` is passthrough (PASSTHROUGH is the mode's default in Istio's API); one without a `tls` block is invalid.
 */
export function terminatesTls(server: Json): boolean {
  const protocol = serverProtocol(server);
  const mode = asString(asRecord(server.tls).mode) ?? (isSet(server.tls) ? "PASSTHROUGH" : "");
  return protocol === "HTTPS" || (protocol === "TLS" && !passthroughModes.includes(mode));
}

/**
 * A server with `tls.mode: ISTIO_MUTUAL` accepts mesh traffic only: the gateway presents its workload certificate
 * and requires the caller's, so it needs no secret (istiod's validation rejects one).
 */
export function usesWorkloadCertificate(server: Json): boolean {
  return asString(asRecord(server.tls).mode) === "ISTIO_MUTUAL";
}

/** The certificate secrets a server names: `tls.credentialName`, or each of `tls.credentialNames` (Istio ≥ 1.26). */
export function credentialNamesOf(server: Json): Located<string>[] {
  const tls = asRecord(server.tls);
  const single = asString(tls.credentialName);
  return [
    ...(single ? [{ path: "tls.credentialName", value: single }] : []),
    ...asStringArray(tls.credentialNames)
      .map((name, i) => ({ path: `tls.credentialNames[${i}]`, value: name }))
      .filter(({ value }) => value !== ""),
  ];
}

/** The first certificate secret a server names, if any. */
export function credentialNameOf(server: Json): string | undefined {
  return credentialNamesOf(server)[0]?.value;
}

/**
 * Where the gateway proxy reads a credential from, as Istio parses it: `name`, `kubernetes://name` (the workload's
 * namespace), `ns/name`, `kubernetes://ns/name` or `kubernetes-gateway://ns/name` (namespace `ns`). `builtin://`
 * serves the workload's own mesh certificate: no secret (undefined).
 */
export function credentialSecret(credential: string, workloadNamespace: string): { namespace: string; name: string } | undefined {
  if (credential.startsWith("builtin://")) {
    return undefined;
  }
  const reference = credential.replace(/^kubernetes(?:-gateway)?:\/\//, "");
  const slash = reference.indexOf("/");
  return slash < 0 ? { namespace: workloadNamespace, name: reference } : { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
}

export function serverHosts(server: Json): string[] {
  return asStringArray(server.hosts);
}

/** A canonical key for a workload selector, so equal selectors index together. */
export function selectorKey(selector: Record<string, string>): string {
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(",");
}
