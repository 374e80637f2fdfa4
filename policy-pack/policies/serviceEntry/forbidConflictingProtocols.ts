import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { describeResource } from "../../lib/meshResource";
import { ports, protocolOf } from "../../lib/serviceEntry";
import { asStringArray } from "../../lib/values";

/** One protocol per host and port across all ServiceEntries. */
export const forbidConflictingProtocols = defineStackPolicy({
  name: "istio-serviceentry-forbid-conflicting-protocols",
  description:
    "ServiceEntries must not declare the same host and port with different protocols: Istio builds one listener " +
    "per port and drops one of them. Use one protocol for the host and port in every ServiceEntry.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["ServiceEntry"],
  check: (inventory) => {
    const declared = new Map<string, { protocol: string; owner: string }>();
    const findings: StackFinding[] = [];
    for (const serviceEntry of inventory.of("ServiceEntry")) {
      const owner = describeResource(serviceEntry);
      for (const host of asStringArray(serviceEntry.spec.hosts)) {
        for (const { path, value: port } of ports(serviceEntry.spec)) {
          const key = `${host}:${String(port.number)}`;
          const protocol = protocolOf(port);
          const first = declared.get(key);
          if (first === undefined) {
            declared.set(key, { protocol, owner });
          } else if (first.protocol !== protocol) {
            findings.push({
              resource: serviceEntry,
              path: `${path}.protocol`,
              found: protocol,
              expected: `${first.protocol}, as ${first.owner} declares for ${key}`,
              fix: "Use the same protocol for this host and port everywhere.",
            });
          }
        }
      }
    }
    return findings;
  },
});
