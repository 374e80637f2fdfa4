import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { asStringArray } from "../../lib/values";
import { gatewayKey, isInternalGatewayReference } from "../../lib/virtualService";

/** A VirtualService binds only to Gateways the stack declares (istioctl IST0101). */
export const requireExistingGateway = defineStackPolicy({
  name: "istio-virtualservice-require-existing-gateway",
  description:
    "Every entry of a VirtualService's `gateways` (`namespace/name`, or `name` in the VirtualService's namespace; " +
    "`mesh` excepted) must name a Gateway declared in the stack (istioctl IST0101 ReferencedResourceNotFound). " +
    "Fix the reference or declare the Gateway.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService", "Gateway"],
  check: (inventory) => {
    const gateways = new Set(inventory.of("Gateway").map((gateway) => `${gateway.namespace}/${gateway.name}`));
    const findings: StackFinding[] = [];
    for (const virtualService of inventory.of("VirtualService")) {
      asStringArray(virtualService.spec.gateways).forEach((reference, i) => {
        const key = gatewayKey(reference, virtualService.namespace);
        if (reference !== "mesh" && !isInternalGatewayReference(reference) && !gateways.has(key)) {
          findings.push({
            resource: virtualService,
            path: `spec.gateways[${i}]`,
            found: reference,
            expected: `an existing Gateway (no Gateway ${key} in the stack)`,
            fix: "Reference a declared Gateway as namespace/name.",
          });
        }
      });
    }
    return findings;
  },
});
