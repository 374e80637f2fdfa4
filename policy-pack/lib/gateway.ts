/** Walks a Gateway spec: its servers, their TLS settings and hosts. */
import { asArray, asRecord, asString, asStringArray, Json } from "./values";
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

/** HTTPS servers, and TLS servers that terminate TLS (not passthrough), need a certificate. */
export function terminatesTls(server: Json): boolean {
  const protocol = serverProtocol(server);
  const mode = asString(asRecord(server.tls).mode) ?? "";
  return protocol === "HTTPS" || (protocol === "TLS" && !passthroughModes.includes(mode));
}

export function credentialNameOf(server: Json): string | undefined {
  return asString(asRecord(server.tls).credentialName);
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
