import { defineStackPolicy } from "../../lib/definePolicy";
import { selectorString } from "../../lib/workloads";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asStringMap } from "../../lib/values";

/** A Gateway configures pods the stack runs (istioctl IST0101 for its selector). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-gateway-require-selected-workload",
  description:
    "A Gateway's `selector` must match the pods of a gateway the stack runs (a gateway Helm release, or a declared " +
    "Deployment or Pod); otherwise no proxy serves its servers (istioctl IST0101). Fix the selector labels, or " +
    "install the gateway.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Gateway", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    if (workloads.all.length === 0) return [];
    return inventory.of("Gateway").flatMap((gateway) => {
      const selector = asStringMap(gateway.spec.selector);
      if (workloads.matching(selector).length > 0) return [];
      return [{
        resource: gateway,
        path: "spec.selector",
        found: selector,
        expected: `labels of a gateway's pods in the stack (no pod matches ${selectorString(selector) || "the empty selector"})`,
        fix: "Match the labels of a gateway release's pods (e.g. istio: ingressgateway), or install that gateway.",
      }];
    });
  },
});
