import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { describeResource, MeshResource } from "../../lib/meshResource";
import { asArray, asRecord, asString, asStringArray } from "../../lib/values";

/**
 * A gateway route without subset to a host whose mesh routing splits by subset bypasses that split (istioctl
 * IST0140): the gateway's own VirtualService decides, and sidecar VirtualServices do not apply at the gateway.
 */
export const forbidSubsetlessIngressRoute = defineStackPolicy({
  name: "istio-virtualservice-forbid-subsetless-ingress-route",
  description:
    "A gateway-bound VirtualService that routes to a host without a subset, where another VirtualService routes that " +
    "host to subsets, sends gateway traffic to every version: subset routing of sidecar VirtualServices does not " +
    "apply at the gateway (istioctl IST0140). Name the subsets in the gateway's routes too.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (inventory) => {
    const subsetRouters = new Map<string, MeshResource[]>();
    for (const virtualService of inventory.of("VirtualService")) {
      const hosts = asStringArray(virtualService.spec.hosts);
      for (const route of asArray(virtualService.spec.http)) {
        for (const destination of asArray(asRecord(route).route).map((entry) => asRecord(asRecord(entry).destination))) {
          const host = asString(destination.host) ?? "";
          if (asString(destination.subset) && hosts.includes(host)) subsetRouters.set(host, [...(subsetRouters.get(host) ?? []), virtualService]);
        }
      }
    }
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      if (asStringArray(virtualService.spec.gateways).length === 0) continue;
      asArray(virtualService.spec.http).forEach((route, i) =>
        asArray(asRecord(route).route).forEach((entry, j) => {
          const destination = asRecord(asRecord(entry).destination);
          const routers = subsetRouters.get(asString(destination.host) ?? "") ?? [];
          if (asString(destination.subset) || routers.length === 0) return;
          findings.push({ resource: virtualService, path: `spec.http[${i}].route[${j}].destination.subset`, found: undefined, expected: `a subset, as ${[...new Set(routers.map(describeResource))].join(", ")} routes ${String(destination.host)} by subset`, fix: "Name the subset in the gateway route." });
        }),
      );
    }
    return findings;
  },
});
