import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { selectorTargets } from "../../lib/selectorTargets";
import { asRecord, asStringMap } from "../../lib/values";
import { selectorString } from "../../lib/workloads";

/** A Sidecar's workloadSelector matches pods of its namespace (istioctl IST0101). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-sidecar-require-selected-workload",
  description:
    "A Sidecar's `workloadSelector.labels` must match pods the stack runs in the Sidecar's namespace, or it " +
    "configures nothing (istioctl IST0101). Fix the labels, or remove the Sidecar.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Sidecar", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    if (!workloads.declaresWorkloads) return [];
    return selectorTargets(inventory.of("Sidecar"), (sidecar) => asStringMap(asRecord(sidecar.spec.workloadSelector).labels), workloads).unmatched.map(
      ({ resource, selector }) => ({
        resource,
        path: "spec.workloadSelector.labels",
        found: selector,
        expected: `labels of pods in namespace ${resource.namespace} (none matches ${selectorString(selector)})`,
        fix: "Match the labels of a workload in this namespace, or remove the Sidecar.",
      }),
    );
  },
});
