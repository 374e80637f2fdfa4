import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { selectorTargets } from "../../lib/selectorTargets";
import { asRecord, asStringMap } from "../../lib/values";
import { selectorString } from "../../lib/workloads";

/** A Telemetry's selector matches pods of its namespace (istioctl IST0101). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-telemetry-require-selected-workload",
  description:
    "A Telemetry's `selector.matchLabels` must match pods the stack runs in the Telemetry's namespace, or it " +
    "configures nothing (istioctl IST0101). Fix the labels, or remove the Telemetry.",
  enforcementLevel: "mandatory",
  severity: "low",
  kinds: ["Telemetry", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    if (!workloads.declaresWorkloads) return [];
    return selectorTargets(inventory.of("Telemetry"), (telemetry) => asStringMap(asRecord(telemetry.spec.selector).matchLabels), workloads).unmatched.map(
      ({ resource, selector }) => ({
        resource,
        path: "spec.selector.matchLabels",
        found: selector,
        expected: `labels of pods in namespace ${resource.namespace} (none matches ${selectorString(selector)})`,
        fix: "Match the labels of a workload in this namespace, or remove the Telemetry.",
      }),
    );
  },
});
