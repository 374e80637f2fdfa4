import { describeValue } from "./errors";
import { checkNamespace, checkUnique, defaultConnectionPool, defaultOutlierDetection, type MeshContext } from "./meshContext";
import type { ExternalInput } from "./meshInput";
import type { ExternalPortTls, ExternalServiceSettings, ServiceEntryPort } from "./meshTypes";

/** Protocols the app speaks in plain text, for the sidecar (or the egress gateway) to originate TLS. */
const originatedProtocols = ["HTTP", "HTTP2", "GRPC"];
/** Protocols in which the application speaks TLS itself: passed through untouched. */
const applicationTlsProtocols = ["HTTPS", "TLS"];

export function externalPortTls(protocol: string): ExternalPortTls {
  if (originatedProtocols.includes(protocol)) return "originated";
  return applicationTlsProtocols.includes(protocol) ? "application" : "none";
}

/** The longest name a DestinationRule subset may have (a DNS label). */
const maxSubsetName = 63;

/** An external dependency (ServiceEntry + DestinationRule stating TLS per port) with its defaults applied. */
export function resolveExternal(input: ExternalInput, key: string, context: MeshContext, problems: string[]): ExternalServiceSettings {
  checkNamespace(`${key}.namespace`, input.namespace, context, problems);
  const exportTo = [input.namespace, ...(input.exportTo ?? []).filter((namespace) => namespace !== input.namespace)];
  (input.exportTo ?? []).forEach((namespace, i) => checkNamespace(`${key}.exportTo[${i}]`, namespace, context, problems));
  // TLS origination, as Istio documents it: the app speaks plain HTTP to port 80 and its sidecar opens the TLS
  // connection to 443.
  const ports: ServiceEntryPort[] = (input.ports ?? [{ number: 80, protocol: "HTTP" as const, targetPort: 443 }]).map((port) => ({
    number: port.number,
    protocol: port.protocol,
    name: port.name ?? `${port.protocol.toLowerCase()}-${port.number}`,
    ...(port.targetPort === undefined ? {} : { targetPort: port.targetPort }),
    tls: externalPortTls(port.protocol),
  }));
  checkUnique(ports, (port) => String(port.number), (port, i) => `${key}.ports[${i}].number: expected a port number not listed before, got ${port.number}`, problems);
  checkUnique(ports, (port) => port.name, (port, i) => `${key}.ports[${i}].name: expected a port name not used before, got ${describeValue(port.name)}`, problems);
  const originates = checkTlsOrigination(input, key, ports, problems);
  const exactHost = input.hosts.find((host) => !host.startsWith("*."));
  const sni = input.tls?.sni ?? exactHost;
  if (originates && sni === undefined) {
    problems.push(`${key}.tls.sni: expected the server name to send (every host of ${key}.hosts is a wildcard), got nothing`);
  }
  const viaEgressGateway = input.viaEgressGateway ?? false;
  if (viaEgressGateway) checkEgressGatewayRoute(input, key, ports, context, problems);
  const callers = input.callers ?? [];
  checkCallers(callers, key, viaEgressGateway, exportTo, problems);
  const addresses = input.addresses ?? [];
  checkTcpAddresses(key, input, ports, addresses, problems);
  return {
    name: input.name,
    namespace: input.namespace,
    hosts: input.hosts,
    ports,
    addresses,
    tls: { sni, caCertificates: input.tls?.caCertificates, subjectAltNames: input.tls?.subjectAltNames ?? [] },
    exportTo,
    connectionPool: { ...defaultConnectionPool, ...input.connectionPool },
    outlierDetection: { ...defaultOutlierDetection, ...input.outlierDetection },
    viaEgressGateway,
    callers,
  };
}

/**
 * A TCP port matches by destination address alone (it carries no host name): without `addresses` the proxy listens
 * on 0.0.0.0 for that port and captures every other service's traffic on it (istioctl IST0134).
 */
function checkTcpAddresses(key: string, input: ExternalInput, ports: readonly ServiceEntryPort[], addresses: readonly string[], problems: string[]): void {
  // The CRD's rule: CIDR blocks only where nothing is resolved (resolution NONE, for wildcard hosts).
  if (!input.hosts.some((host) => host.startsWith("*."))) {
    addresses.forEach((address, i) => {
      if (address.includes("/")) {
        problems.push(`${key}.addresses[${i}]: expected an IP address (CIDR blocks need a wildcard host: an entry of exact hosts is DNS-resolved), got ${describeValue(address)}`);
      }
    });
  }
  if (addresses.length > 0) return;
  ports.forEach((port, i) => {
    if (port.protocol === "TCP") {
      problems.push(`${key}.addresses: expected the external's IP addresses or CIDR blocks for its TCP port ${key}.ports[${i}] (${port.number}: TCP carries no host name to match), got nothing`);
    }
  });
}

/**
 * TLS is originated only on HTTP, HTTP2 and GRPC ports, where the app speaks plain text. Returns whether any port
 * is originated; reports `tls` settings nothing would use, and origination to port 80, which speaks plain HTTP.
 */
function checkTlsOrigination(input: ExternalInput, key: string, ports: readonly ServiceEntryPort[], problems: string[]): boolean {
  const originates = ports.some((port) => port.tls === "originated");
  if (!originates && input.tls !== undefined) {
    const got = describeValue(ports.map((port) => `${port.number}/${port.protocol}`));
    problems.push(
      `${key}.tls: expected no TLS origination settings when no port of ${key}.ports is HTTP, HTTP2 or GRPC ` +
        `(the application's own TLS on HTTPS and TLS ports passes through unchanged; TCP and MONGO ports are not originated), got ports ${got}`,
    );
  }
  ports.forEach((port, i) => {
    if (port.tls === "originated" && port.number === 80 && port.targetPort === undefined) {
      problems.push(
        `${key}.ports[${i}].targetPort: expected the server's TLS port (usually 443) for this ${port.protocol} port, on which TLS is originated ` +
          "(the server's port 80 speaks plain HTTP), got nothing",
      );
    }
  });
  return originates;
}

/**
 * Routing through the egress gateway needs the gateway installed, exact hosts (the gateway routes to each by
 * name), one plain HTTP port (the sidecar wraps it in Istio mTLS to the gateway, the gateway originates TLS) and
 * subset names `<namespace>-<name>[-<n>]` that fit a DNS label.
 */
function checkEgressGatewayRoute(input: ExternalInput, key: string, ports: readonly ServiceEntryPort[], context: MeshContext, problems: string[]): void {
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
  const subset = `${input.namespace}-${input.name}${input.hosts.length > 1 ? `-${input.hosts.length}` : ""}`;
  if (subset.length > maxSubsetName) {
    problems.push(
      `${key}.name: expected a name that with its namespace fits the egress gateway's subset name <namespace>-<name>[-<n>] ` +
        `(at most ${maxSubsetName} characters) when ${key}.viaEgressGateway is true, got ${describeValue(input.name)} (${subset.length} characters)`,
    );
  }
}

/** Callers are checked by the egress gateway: only there, and only from namespaces that see the external. */
function checkCallers(callers: readonly string[], key: string, viaEgressGateway: boolean, exportTo: readonly string[], problems: string[]): void {
  if (callers.length > 0 && !viaEgressGateway) {
    problems.push(`${key}.callers: expected no callers unless ${key}.viaEgressGateway is true (only the egress gateway can check who calls an external), got ${describeValue(callers)}`);
  }
  callers.forEach((caller, i) => {
    const namespace = caller.split("/")[2];
    if (!exportTo.includes(namespace)) {
      problems.push(`${key}.callers[${i}]: expected a principal in a namespace that sees the external (${describeValue(exportTo)}, from ${key}.namespace and ${key}.exportTo), got ${describeValue(caller)}`);
    }
  });
}
