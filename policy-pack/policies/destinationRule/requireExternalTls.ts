import { tlsForPort } from "../../lib/destinationRule";
import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { coveringWildcards, isWildcardHost, qualifyHost } from "../../lib/hosts";
import { isMeshExternal, ports, protocolOf } from "../../lib/serviceEntry";
import { asString, asStringArray, Json } from "../../lib/values";

/** Where the app speaks plain HTTP and a proxy originates the TLS. */
const originatedProtocols = ["HTTP", "HTTP2", "GRPC", "GRPC-WEB"];
/** Where the app speaks TLS itself. */
const applicationTlsProtocols = ["HTTPS", "TLS"];
const originatingModes = ["SIMPLE", "MUTUAL"];

interface PortRule {
  readonly modes: readonly string[];
  readonly expected: string;
  readonly fix: string;
}

/** What TLS a port of an external host needs, from the protocol its ServiceEntry declares. */
function ruleFor(host: string, port: Json): PortRule {
  const protocol = protocolOf(port);
  const where = `port ${Number(port.number)} of ${host} is ${protocol}`;
  const entry = `a portLevelSettings entry for port ${Number(port.number)}`;
  if (originatedProtocols.includes(protocol)) {
    return {
      modes: originatingModes,
      expected: `SIMPLE or MUTUAL (${where}: the app speaks plain text and the proxy originates TLS)`,
      fix: `Originate TLS to ${host} in ${entry}: tls {mode: SIMPLE, sni: ${isWildcardHost(host) ? "<the server name>" : host}}.`,
    };
  }
  const why = applicationTlsProtocols.includes(protocol)
    ? "the application speaks TLS itself, and originating TLS again would encrypt it twice"
    : "plain TCP is not originated";
  return { modes: ["DISABLE"], expected: `DISABLE (${where}: ${why})`, fix: `State tls.mode DISABLE in ${entry}.` };
}

/** Property 21: each port of an external host has the TLS its protocol needs, stated port by port. */
export const requireExternalTls = defineStackPolicy({
  name: "istio-destinationrule-require-external-tls",
  description:
    "A DestinationRule for a MESH_EXTERNAL ServiceEntry host must state TLS for each port of the entry (a " +
    "`portLevelSettings` entry replaces the rule-level `trafficPolicy` for its port, as Istio applies it) (property " +
    "21): SIMPLE or MUTUAL, with `sni` unless the host is a wildcard, where the app speaks plain HTTP, HTTP2 or GRPC " +
    "and the proxy originates TLS; DISABLE where the application speaks TLS itself (HTTPS, TLS), so nothing is " +
    "encrypted twice, and on plain TCP ports (TCP, MONGO, ...), which are not originated. Server verification is " +
    "checked by istio-destinationrule-require-server-verification. Set tls per port under " +
    "trafficPolicy.portLevelSettings.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["ServiceEntry", "DestinationRule"],
  check: (inventory) => {
    const externalPorts = new Map<string, Json[]>();
    for (const serviceEntry of inventory.of("ServiceEntry")) {
      if (!isMeshExternal(serviceEntry.spec)) {
        continue;
      }
      const entryPorts = ports(serviceEntry.spec).map(({ value }) => value);
      for (const host of asStringArray(serviceEntry.spec.hosts)) {
        externalPorts.set(host, [...(externalPorts.get(host) ?? []), ...entryPorts]);
      }
    }
    const findings: StackFinding[] = [];
    for (const destinationRule of inventory.of("DestinationRule")) {
      const host = qualifyHost(asString(destinationRule.spec.host) ?? "", destinationRule.namespace);
      const matched = [host, ...coveringWildcards(host)].find((candidate) => externalPorts.has(candidate));
      if (matched === undefined) {
        continue;
      }
      for (const port of externalPorts.get(matched) ?? []) {
        const { path, value: tls } = tlsForPort(destinationRule.spec, Number(port.number));
        const rule = ruleFor(host, port);
        if (!tls || !rule.modes.includes(String(tls.mode))) {
          findings.push({ resource: destinationRule, path: `${path}.mode`, found: tls?.mode, expected: rule.expected, fix: rule.fix });
        } else if (rule.modes === originatingModes && !isWildcardHost(host) && !asString(tls.sni)) {
          findings.push({ resource: destinationRule, path: `${path}.sni`, found: tls.sni, expected: `the server name ${host}`, fix: `Set tls.sni to ${host}.` });
        }
      }
    }
    return findings;
  },
});
