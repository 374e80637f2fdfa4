import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { backendRefs, certificateRefs, type CrossReference, gatewayApiGroup, listeners, referenceGranted } from "../../lib/gatewayApi";

/** A Gateway API reference across namespaces is honoured only with a ReferenceGrant in the target's namespace (RefNotPermitted). */
export const requireReferenceGrant = defineStackPolicy({
  name: "istio-gatewayapi-require-reference-grant",
  description:
    "An HTTPRoute backendRef or a Gateway certificateRef in another namespace needs a ReferenceGrant in that namespace allowing the " +
    "route's (or Gateway's) kind and namespace to refer to that kind (and name); otherwise Istio ignores the reference (RefNotPermitted). " +
    "Add the ReferenceGrant, or keep the reference in the same namespace.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HTTPRoute", "GatewayApiGateway", "ReferenceGrant"],
  check: (inventory) => {
    const grants = inventory.of("ReferenceGrant");
    const findings: StackFinding[] = [];
    const need = (resource: (typeof findings)[number]["resource"], path: string, reference: CrossReference) => {
      if (reference.to.namespace !== reference.from.namespace && !referenceGranted(grants, reference)) {
        findings.push({
          resource,
          path,
          found: `${reference.to.kind} ${reference.to.namespace}/${reference.to.name}`,
          expected: `a ReferenceGrant in ${reference.to.namespace} from ${reference.from.kind} in ${reference.from.namespace} to ${reference.to.kind}`,
          fix: `Create a ReferenceGrant in namespace ${reference.to.namespace}.`,
        });
      }
    };
    for (const route of inventory.of("HTTPRoute")) {
      for (const { path, value: ref } of backendRefs(route)) {
        need(route, `${path}.namespace`, { from: { group: gatewayApiGroup, kind: "HTTPRoute", namespace: route.namespace }, to: { group: ref.group, kind: ref.kind, namespace: ref.namespace, name: ref.name } });
      }
    }
    for (const gateway of inventory.of("GatewayApiGateway")) {
      for (const listener of listeners(gateway)) {
        for (const { path, value: ref } of certificateRefs(gateway, listener)) {
          need(gateway, `${path}.namespace`, { from: { group: gatewayApiGroup, kind: "Gateway", namespace: gateway.namespace }, to: ref });
        }
      }
    }
    return findings;
  },
});
