import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { selectorKey, serverHosts, serverPort, servers } from "../../lib/gateway";
import { HostIndex } from "../../lib/hostIndex";
import { splitGatewayHost } from "../../lib/hosts";
import { describeResource } from "../../lib/meshResource";
import { asStringMap } from "../../lib/values";

/** Two Gateways on one workload and port must not claim the same host (istioctl IST0145). */
export const forbidConflictingHosts = defineStackPolicy({
  name: "istio-gateway-forbid-conflicting-hosts",
  description:
    "Gateways with the same selector and server port must not declare overlapping hosts (equal, or covered by a " +
    "wildcard): Envoy keeps only one of them (istioctl IST0145 ConflictingGateways). Merge the servers into one " +
    "Gateway or make the hosts distinct.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Gateway"],
  check: (inventory) => {
    const indexes = new Map<string, HostIndex>();
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway")) {
      const owner = describeResource(gateway);
      const selector = selectorKey(asStringMap(gateway.spec.selector));
      for (const { path, value: server } of servers(gateway.spec)) {
        const key = `${selector}:${serverPort(server) ?? ""}`;
        const index = indexes.get(key) ?? new HostIndex();
        indexes.set(key, index);
        serverHosts(server).forEach((entry, i) => {
          const { host } = splitGatewayHost(entry);
          const other = index.overlapping(host, owner);
          if (other) {
            findings.push({
              resource: gateway,
              path: `${path}.hosts[${i}]`,
              found: entry,
              expected: `a host not already served on port ${serverPort(server)} by ${other}`,
              fix: "Serve each host from one Gateway per workload and port.",
            });
          }
          index.claim(host, owner);
        });
      }
    }
    return findings;
  },
});
