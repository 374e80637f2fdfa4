import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { hostnamesIntersect, isGatewayParent, listenerName, listeners, parentRefs } from "../../lib/gatewayApi";
import { asString, asStringArray } from "../../lib/values";

/** An HTTPRoute's hostnames must intersect the hostname of a listener it attaches to (the spec's NoMatchingListenerHostname). */
export const requireListenerHostname = defineStackPolicy({
  name: "istio-httproute-require-listener-hostname",
  description:
    "The hostnames of an HTTPRoute must intersect the hostname of the listener (or, without sectionName, of some listener) of each " +
    "Gateway it attaches to, exactly or through a `*.` wildcard; otherwise the route is not accepted there (NoMatchingListenerHostname). " +
    "Fix the route's hostnames or the listener's hostname.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HTTPRoute", "GatewayApiGateway"],
  check: (inventory) => {
    const gateways = new Map(inventory.of("GatewayApiGateway").map((gateway) => [`${gateway.namespace}/${gateway.name}`, gateway]));
    const findings: StackFinding[] = [];
    for (const route of inventory.of("HTTPRoute")) {
      const hostnames = asStringArray(route.spec.hostnames);
      for (const { path, value: ref } of parentRefs(route).filter(({ value }) => isGatewayParent(value))) {
        const gateway = gateways.get(`${ref.namespace}/${ref.name}`);
        const candidates = gateway === undefined ? [] : listeners(gateway).filter(({ value }) => ref.sectionName === undefined || listenerName(value) === ref.sectionName);
        if (candidates.length > 0 && !candidates.some(({ value }) => hostnamesIntersect(value, hostnames))) {
          findings.push({
            resource: route,
            path: "spec.hostnames",
            found: hostnames,
            expected: `a hostname matching ${candidates.map(({ value }) => asString(value.hostname)).join(", ")} (listener${ref.sectionName ? ` ${ref.sectionName}` : "s"} of ${path})`,
            fix: "Use a hostname the listener serves, or attach the route to the listener for its hostname.",
          });
        }
      }
    }
    return findings;
  },
});
