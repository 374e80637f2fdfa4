import { describeValue } from "./errors";
import { checkNamespace, checkUnique, defaultConnectionPool, defaultOutlierDetection, type MeshContext } from "./meshContext";
import type { ExternalInput } from "./meshInput";
import type { ExternalServiceSettings } from "./meshTypes";

/** An external dependency (ServiceEntry + DestinationRule with TLS origination) with its defaults applied. */
export function resolveExternal(input: ExternalInput, key: string, context: MeshContext, problems: string[]): ExternalServiceSettings {
  checkNamespace(`${key}.namespace`, input.namespace, context, problems);
  const exportTo = [input.namespace, ...(input.exportTo ?? []).filter((namespace) => namespace !== input.namespace)];
  (input.exportTo ?? []).forEach((namespace, i) => checkNamespace(`${key}.exportTo[${i}]`, namespace, context, problems));
  // TLS origination, as Istio documents it: the app speaks plain HTTP to port 80 and its sidecar opens the TLS
  // connection to 443. An app that speaks TLS itself would be encrypted twice by the DestinationRule.
  const ports = (input.ports ?? [{ number: 80, protocol: "HTTP" as const, targetPort: 443 }]).map((port) => ({
    number: port.number,
    protocol: port.protocol,
    name: port.name ?? `${port.protocol.toLowerCase()}-${port.number}`,
    ...(port.targetPort === undefined ? {} : { targetPort: port.targetPort }),
  }));
  checkUnique(ports, (port) => String(port.number), (port, i) => `${key}.ports[${i}].number: expected a port number not listed before, got ${port.number}`, problems);
  checkUnique(ports, (port) => port.name, (port, i) => `${key}.ports[${i}].name: expected a port name not used before, got ${describeValue(port.name)}`, problems);
  const exactHost = input.hosts.find((host) => !host.startsWith("*."));
  const sni = input.tls?.sni ?? exactHost;
  if (sni === undefined) {
    problems.push(`${key}.tls.sni: expected the server name to send (every host of ${key}.hosts is a wildcard), got nothing`);
  }
  const viaEgressGateway = input.viaEgressGateway ?? false;
  if (viaEgressGateway) checkEgressGatewayRoute(input, key, ports, context, problems);
  return {
    name: input.name,
    namespace: input.namespace,
    hosts: input.hosts,
    ports,
    tls: { sni, caCertificates: input.tls?.caCertificates, subjectAltNames: input.tls?.subjectAltNames ?? [] },
    exportTo,
    connectionPool: { ...defaultConnectionPool, ...input.connectionPool },
    outlierDetection: { ...defaultOutlierDetection, ...input.outlierDetection },
    viaEgressGateway,
  };
}

/**
 * Routing through the egress gateway needs the gateway installed, exact hosts (the gateway routes to each by
 * name) and one plain HTTP port: the hop to the gateway is HTTP (mTLS by auto-mTLS), the gateway originates TLS.
 */
function checkEgressGatewayRoute(input: ExternalInput, key: string, ports: readonly { number: number; protocol: string }[], context: MeshContext, problems: string[]): void {
  if (!context.egressGatewayEnabled) {
    problems.push(`${key}.viaEgressGateway: expected false while istio.egressGateway.enabled is false (no egress gateway to route through), got true`);
  }
  if (ports.length !== 1 || ports[0].protocol !== "HTTP") {
    const got = describeValue(ports.map((port) => `${port.number}/${port.protocol}`));
    problems.push(`${key}.ports: expected one port with protocol HTTP when ${key}.viaEgressGateway is true (the egress gateway originates the TLS), got ${got}`);
  }
  input.hosts.forEach((host, i) => {
    if (host.startsWith("*.")) problems.push(`${key}.hosts[${i}]: expected an exact host name when ${key}.viaEgressGateway is true (the gateway routes to each host by name), got ${describeValue(host)}`);
  });
}
