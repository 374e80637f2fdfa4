import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isGatewayParent, listenerAdmits, listenerName, listeners, parentRefs } from "../../lib/gatewayApi";
import type { MeshResource } from "../../lib/meshResource";

/** An HTTPRoute attaches only where a Gateway's listener admits it (istioctl, Kiali KIA1401 and the route's `Accepted` status). */
export const requireExistingParent = defineStackPolicy({
  name: "istio-httproute-require-existing-parent",
  description:
    "Every parentRef of an HTTPRoute must name a Gateway (gateway.networking.k8s.io) declared in the stack, a listener of it by " +
    "`sectionName` (and `port`) when given, and a listener whose `allowedRoutes` admits HTTPRoutes from the route's namespace; " +
    "otherwise the route is not accepted and serves nothing. Fix the reference or the listener's allowedRoutes.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HTTPRoute", "GatewayApiGateway", "Namespace"],
  check: (inventory) => {
    const gateways = new Map(inventory.of("GatewayApiGateway").map((gateway) => [`${gateway.namespace}/${gateway.name}`, gateway]));
    const namespaceLabels = new Map(inventory.of("Namespace").map((namespace) => [namespace.name, namespace.labels]));
    const findings: StackFinding[] = [];
    const report = (route: MeshResource, path: string, found: unknown, expected: string, fix: string) => findings.push({ resource: route, path, found, expected, fix });
    for (const route of inventory.of("HTTPRoute")) {
      for (const { path, value: ref } of parentRefs(route).filter(({ value }) => isGatewayParent(value))) {
        const gateway = gateways.get(`${ref.namespace}/${ref.name}`);
        if (gateway === undefined) {
          report(route, path, `${ref.namespace}/${ref.name}`, `a Gateway declared in the stack (no Gateway ${ref.namespace}/${ref.name})`, "Name an existing Gateway and its namespace.");
          continue;
        }
        const candidates = listeners(gateway).filter(({ value }) => (ref.sectionName === undefined || listenerName(value) === ref.sectionName) && (ref.port === undefined || value.port === ref.port));
        if (candidates.length === 0) {
          const names = listeners(gateway).map(({ value }) => listenerName(value));
          report(route, ref.sectionName === undefined ? `${path}.port` : `${path}.sectionName`, ref.sectionName ?? ref.port, `a listener of Gateway ${ref.namespace}/${ref.name} (${names.join(", ")})`, "Name one of the Gateway's listeners.");
          continue;
        }
        const labels = namespaceLabels.get(route.namespace) ?? {};
        if (!candidates.some(({ value }) => listenerAdmits(value, gateway.namespace, "HTTPRoute", route.namespace, labels))) {
          report(
            route,
            path,
            `${ref.namespace}/${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ""}`,
            `a listener whose allowedRoutes admits HTTPRoutes from namespace ${route.namespace}`,
            "Add the route's namespace to the listener's allowedRoutes, or move the route.",
          );
        }
      }
    }
    return findings;
  },
});
