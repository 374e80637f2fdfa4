import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { qualifyHost } from "../../lib/hosts";
import { describeResource } from "../../lib/meshResource";
import { hostsOf, isMeshBound } from "../../lib/virtualService";

/** One mesh-bound VirtualService per host (istioctl IST0109). */
export const forbidConflictingMeshHosts = defineStackPolicy({
  name: "istio-virtualservice-forbid-conflicting-mesh-hosts",
  description:
    "VirtualServices bound to the `mesh` gateway (explicitly or by omitting gateways) must not claim the same " +
    "host: sidecars pick one arbitrarily (istioctl IST0109). Merge their routes into one VirtualService per host.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService"],
  check: (inventory) => {
    const owners = new Map<string, string>();
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      if (!isMeshBound(virtualService.spec)) {
        continue;
      }
      const label = describeResource(virtualService);
      hostsOf(virtualService.spec).forEach((host, i) => {
        const qualified = qualifyHost(host, virtualService.namespace);
        const owner = owners.get(qualified);
        if (owner === undefined) {
          owners.set(qualified, label);
        } else if (owner !== label) {
          findings.push({
            resource: virtualService,
            path: `spec.hosts[${i}]`,
            found: host,
            expected: `a host no other mesh VirtualService claims (${owner} already routes ${qualified})`,
            fix: "Move these routes into the VirtualService that already owns the host.",
          });
        }
      });
    }
    return findings;
  },
});
