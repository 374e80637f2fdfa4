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
  return {
    name: input.name,
    namespace: input.namespace,
    hosts: input.hosts,
    ports,
    tls: { sni, caCertificates: input.tls?.caCertificates, subjectAltNames: input.tls?.subjectAltNames ?? [] },
    exportTo,
    connectionPool: { ...defaultConnectionPool, ...input.connectionPool },
    outlierDetection: { ...defaultOutlierDetection, ...input.outlierDetection },
  };
}
