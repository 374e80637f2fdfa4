/** ServiceEntry ports and the protocols Istio knows. */
import { asArray, asRecord, asString, Json } from "./values";
import { Located } from "./virtualService";

export const istioProtocols = ["HTTP", "HTTPS", "GRPC", "GRPC-WEB", "HTTP2", "MONGO", "MYSQL", "REDIS", "TCP", "TLS", "UDP"];

export function ports(spec: Json): Located<Json>[] {
  return asArray(spec.ports).map((port, i) => ({ path: `spec.ports[${i}]`, value: asRecord(port) }));
}

export function protocolOf(port: Json): string {
  return (asString(port.protocol) ?? "TCP").toUpperCase();
}

export function isMeshExternal(spec: Json): boolean {
  return (asString(spec.location) ?? "MESH_EXTERNAL") === "MESH_EXTERNAL";
}
