import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asArray, asRecord, asStringArray, asStringMap } from "../../lib/values";
import { gatewayKey } from "../../lib/virtualService";
import { labelsMatch } from "../../lib/workloads";

const claimHeader = "@request.auth.claims";

/** The first header a route matches on that is a JWT claim (`@request.auth.claims.<name>` or `[<name>]`). */
function claimKey(spec: Record<string, unknown>): string | undefined {
  for (const route of asArray(spec.http)) {
    for (const match of asArray(asRecord(route).match)) {
      for (const field of ["headers", "withoutHeaders"]) {
        const key = Object.keys(asRecord(asRecord(match)[field])).find((header) => {
          if (!header.toLowerCase().startsWith(claimHeader)) return false;
          const rest = header.slice(claimHeader.length);
          return (rest.startsWith(".") && rest.length > 1) || (rest.startsWith("[") && rest.endsWith("]") && rest.length > 2);
        });
        if (key !== undefined) return key;
      }
    }
  }
  return undefined;
}

/** Routing on JWT claims needs a RequestAuthentication on the gateway pods (istioctl IST0149). */
export const requireJwtAuthenticationForClaimRoutes = defineStackPolicy({
  name: "istio-virtualservice-require-jwt-authentication-for-claim-routes",
  description:
    "A VirtualService that routes on JWT claims (`@request.auth.claims.*` headers) needs a RequestAuthentication " +
    "selecting every pod of the gateways it binds to (in their namespace or istio-system); without one the claims are " +
    "never set and the routes never match (istioctl IST0149). Add a RequestAuthentication for the gateway pods.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", "Gateway", "RequestAuthentication", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    const gateways = new Map(inventory.of("Gateway").map((gateway) => [`${gateway.namespace}/${gateway.name}`, gateway]));
    const authentications = inventory.of("RequestAuthentication").map((ra) => ({ namespace: ra.namespace, selector: asStringMap(asRecord(ra.spec.selector).matchLabels) }));
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      const key = claimKey(virtualService.spec);
      if (key === undefined) continue;
      asStringArray(virtualService.spec.gateways).forEach((reference, i) => {
        const gateway = reference === "mesh" ? undefined : gateways.get(gatewayKey(reference, virtualService.namespace));
        if (gateway === undefined) return;
        const uncovered = workloads
          .matching(asStringMap(gateway.spec.selector))
          .filter((pod) => !authentications.some((ra) => (ra.namespace === "istio-system" || ra.namespace === pod.namespace) && labelsMatch(ra.selector, pod.labels)));
        for (const pod of uncovered) {
          findings.push({ resource: virtualService, path: `spec.gateways[${i}]`, found: reference, expected: `a RequestAuthentication for the gateway pods of ${pod.resource.kind} ${pod.namespace}/${pod.resource.name} (routes match on ${key})`, fix: "Add a RequestAuthentication selecting the gateway pods." });
        }
      });
    }
    return findings;
  },
});
