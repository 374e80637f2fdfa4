import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { telemetrySelector, unmatchedSelectorFindings } from "../../lib/selectorTargets";

/** A Telemetry's selector matches pods of its namespace (istioctl IST0101). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-telemetry-require-selected-workload",
  description:
    "A Telemetry's `selector.matchLabels` must match pods the stack runs in the Telemetry's namespace, or it " +
    "configures nothing (istioctl IST0101). Fix the labels, or remove the Telemetry.",
  enforcementLevel: "mandatory",
  severity: "low",
  kinds: ["Telemetry", ...workloadIndexKinds],
  check: (inventory) => unmatchedSelectorFindings(inventory.of("Telemetry"), telemetrySelector, workloadIndex(inventory)),
});
