import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { sidecarSelector, unmatchedSelectorFindings } from "../../lib/selectorTargets";

/** A Sidecar's workloadSelector matches pods of its namespace (istioctl IST0101). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-sidecar-require-selected-workload",
  description:
    "A Sidecar's `workloadSelector.labels` must match pods the stack runs in the Sidecar's namespace, or it " +
    "configures nothing (istioctl IST0101). Fix the labels, or remove the Sidecar.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Sidecar", ...workloadIndexKinds],
  check: (inventory) => unmatchedSelectorFindings(inventory.of("Sidecar"), sidecarSelector, workloadIndex(inventory)),
});
