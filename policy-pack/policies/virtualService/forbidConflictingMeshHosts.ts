import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { exportScopes, ScopedIndex } from "../../lib/exportScopes";
import { qualifyHost } from "../../lib/hosts";
import { describeResource } from "../../lib/meshResource";
import { hostsOf, isMeshBound } from "../../lib/virtualService";

/** One mesh-bound VirtualService per host among the namespaces that see it (istioctl IST0109). */
export const forbidConflictingMeshHosts = defineStackPolicy({
  name: "istio-virtualservice-forbid-conflicting-mesh-hosts",
  description:
    "VirtualServices bound to the `mesh` gateway (explicitly or by omitting gateways) must not claim the same " +
    "host where their `exportTo` scopes meet: sidecars pick one arbitrarily (istioctl IST0109). Merge their routes " +
    "into one VirtualService per host.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService"],
  check: (inventory) => {
    const owners = new ScopedIndex<string>((owner) => owner);
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      if (!isMeshBound(virtualService.spec)) {
        continue;
      }
      const label = describeResource(virtualService);
      const scopes = exportScopes(virtualService.spec.exportTo, virtualService.namespace);
      hostsOf(virtualService.spec).forEach((host, i) => {
        const qualified = qualifyHost(host, virtualService.namespace);
        const owner = owners.find(qualified, scopes, (other) => other !== label);
        if (owner !== undefined) {
          findings.push({
            resource: virtualService,
            path: `spec.hosts[${i}]`,
            found: host,
            expected: `a host no other mesh VirtualService claims (${owner} already routes ${qualified})`,
            fix: "Move these routes into the VirtualService that already owns the host, or narrow exportTo.",
          });
        }
        owners.add(qualified, scopes, label);
      });
    }
    return findings;
  },
});
