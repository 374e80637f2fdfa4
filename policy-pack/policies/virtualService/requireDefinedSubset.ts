import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { coveringWildcards, qualifyHost } from "../../lib/hosts";
import { asArray, asRecord, asString } from "../../lib/values";
import { destinationHost, destinations, mirrorDestinations } from "../../lib/virtualService";

/** A route's subset is defined by a DestinationRule for the destination host (istioctl IST0101). */
export const requireDefinedSubset = defineStackPolicy({
  name: "istio-virtualservice-require-defined-subset",
  description:
    "A VirtualService destination (route or mirror) with a `subset` needs a DestinationRule for that host (short names resolve in " +
    "the VirtualService's namespace) that defines the subset; otherwise requests fail with 503 (istioctl IST0101). " +
    "Add the subset to the host's DestinationRule or fix the name.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", "DestinationRule"],
  check: (inventory) => {
    const subsetsByHost = new Map<string, Set<string>>();
    for (const destinationRule of inventory.of("DestinationRule")) {
      const host = qualifyHost(asString(destinationRule.spec.host) ?? "", destinationRule.namespace);
      const subsets = subsetsByHost.get(host) ?? new Set<string>();
      asArray(destinationRule.spec.subsets).forEach((subset) => subsets.add(asString(asRecord(subset).name) ?? ""));
      subsetsByHost.set(host, subsets);
    }
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      for (const { path, value: destination } of [...destinations(virtualService.spec), ...mirrorDestinations(virtualService.spec)]) {
        const subset = asString(destination.subset);
        if (!subset) {
          continue;
        }
        const host = qualifyHost(destinationHost(destination) ?? "", virtualService.namespace);
        const known = [host, ...coveringWildcards(host)].map((candidate) => subsetsByHost.get(candidate)).find(Boolean);
        if (!known?.has(subset)) {
          findings.push({
            resource: virtualService,
            path: `${path}.subset`,
            found: subset,
            expected: known ? `one of the subsets defined for ${host}: ${[...known].join(", ")}` : `a subset defined by a DestinationRule for ${host} (none exists)`,
            fix: `Define subset ${subset} in the DestinationRule for ${host}.`,
          });
        }
      }
    }
    return findings;
  },
});
