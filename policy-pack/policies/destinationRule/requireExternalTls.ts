import { tlsForPort } from "../../lib/destinationRule";
import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { coveringWildcards, isWildcardHost, qualifyHost } from "../../lib/hosts";
import { isMeshExternal, ports, protocolOf } from "../../lib/serviceEntry";
import { asString, asStringArray, Json } from "../../lib/values";

const plainProtocols = ["HTTP", "TCP"];
const originatingModes = ["SIMPLE", "MUTUAL"];

/** Property 21: traffic to external services leaves the mesh encrypted and with the right SNI. */
export const requireExternalTls = defineStackPolicy({
  name: "istio-destinationrule-require-external-tls",
  description:
    "A DestinationRule for a MESH_EXTERNAL ServiceEntry host must set `trafficPolicy.tls` mode SIMPLE or MUTUAL " +
    "(with `sni` unless the host is a wildcard) for every port of the entry that is not plain HTTP or TCP (seed " +
    "property 21). Add tls {mode: SIMPLE, sni: <host>} to the DestinationRule.",
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
      const encryptedPorts = (externalPorts.get(matched) ?? []).filter((port) => !plainProtocols.includes(protocolOf(port)));
      for (const port of encryptedPorts) {
        const portNumber = Number(port.number);
        const { path, value: tls } = tlsForPort(destinationRule.spec, portNumber);
        const why = `port ${portNumber} of ${host} is ${protocolOf(port)}`;
        if (!tls || !originatingModes.includes(String(tls.mode))) {
          findings.push({ resource: destinationRule, path: `${path}.mode`, found: tls?.mode, expected: `SIMPLE or MUTUAL (${why})`, fix: `Originate TLS to ${host}: set tls.mode SIMPLE.` });
        } else if (!isWildcardHost(host) && !asString(tls.sni)) {
          findings.push({ resource: destinationRule, path: `${path}.sni`, found: tls.sni, expected: `the server name ${host}`, fix: `Set tls.sni to ${host}.` });
        }
      }
    }
    return findings;
  },
});
