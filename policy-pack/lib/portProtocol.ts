/**
 * Istio's protocol selection for a Kubernetes Service port (pkg/config/kube ConvertProtocol): UDP ports are UDP;
 * else `appProtocol` (Kubernetes' `kubernetes.io/h2c`, `ws`, `wss` included) or the port name's prefix before the
 * first `-` names the protocol; SMTP, DNS, MySQL and MongoDB ports default to TCP; anything else is unsupported,
 * and Istio then sniffs the protocol or treats the port as plain TCP.
 */
const protocols: Record<string, string> = {
  tcp: "TCP", udp: "UDP", grpc: "GRPC", "grpc-web": "GRPC-Web", http: "HTTP", http_proxy: "HTTP_PROXY", http2: "HTTP2",
  https: "HTTPS", tls: "TLS", mongo: "Mongo", redis: "Redis", mysql: "MySQL",
};
const appProtocols: Record<string, string> = { "kubernetes.io/h2c": "HTTP2", "kubernetes.io/ws": "HTTP", "kubernetes.io/wss": "HTTPS" };
const wellKnownTcpPorts = new Set([25, 53, 3306, 27017]);

/** The protocol Istio gives a Service port, or undefined where it cannot tell (istioctl IST0118). */
export function servicePortProtocol(port: number, name: string, transport: string | undefined, appProtocol: string | undefined): string | undefined {
  if (transport === "UDP") return "UDP";
  const declared = appProtocol ?? name;
  if (appProtocol !== undefined && appProtocols[appProtocol]) return appProtocols[appProtocol];
  if (declared.toLowerCase().startsWith("grpc-web")) return "GRPC-Web";
  const prefix = declared.split("-")[0].toLowerCase();
  return protocols[prefix] ?? (wellKnownTcpPorts.has(port) ? "TCP" : undefined);
}
