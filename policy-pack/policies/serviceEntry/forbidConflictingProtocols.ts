import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { exportScopes, ScopedIndex } from "../../lib/exportScopes";
import { describeResource } from "../../lib/meshResource";
import { ports, protocolOf } from "../../lib/serviceEntry";
import { asStringArray } from "../../lib/values";

interface Declaration {
  readonly protocol: string;
  readonly owner: string;
}

/** One protocol per host and port across the ServiceEntries a namespace sees. */
export const forbidConflictingProtocols = defineStackPolicy({
  name: "istio-serviceentry-forbid-conflicting-protocols",
  description:
    "ServiceEntries whose `exportTo` scopes meet must not declare the same host and port with different protocols: " +
    "Istio builds one listener per port and drops one of them. Use one protocol for the host and port in every " +
    "ServiceEntry.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["ServiceEntry"],
  check: (inventory) => {
    const declared = new ScopedIndex<Declaration>((declaration) => declaration.protocol);
    const findings: StackFinding[] = [];
    for (const serviceEntry of inventory.of("ServiceEntry")) {
      const owner = describeResource(serviceEntry);
      const scopes = exportScopes(serviceEntry.spec.exportTo, serviceEntry.namespace);
      for (const host of asStringArray(serviceEntry.spec.hosts)) {
        for (const { path, value: port } of ports(serviceEntry.spec)) {
          const key = `${host}:${String(port.number)}`;
          const protocol = protocolOf(port);
          const first = declared.find(key, scopes, (other) => other.protocol !== protocol);
          if (first !== undefined) {
            findings.push({
              resource: serviceEntry,
              path: `${path}.protocol`,
              found: protocol,
              expected: `${first.protocol}, as ${first.owner} declares for ${key}`,
              fix: "Use the same protocol for this host and port everywhere.",
            });
          }
          declared.add(key, scopes, { protocol, owner });
        }
      }
    }
    return findings;
  },
});
