import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { overlappingSelectorFindings, telemetrySelector } from "../../lib/selectorTargets";

/** One selector-scoped Telemetry per pod (istioctl IST0159). */
export const forbidOverlappingSelectors = defineStackPolicy({
  name: "istio-telemetry-forbid-overlapping-selectors",
  description:
    "At most one Telemetry with a selector may select a pod; with several, which applies is undefined (istioctl " +
    "IST0159). Make the selectors disjoint, or merge the Telemetries.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Telemetry", ...workloadIndexKinds],
  check: (inventory) => overlappingSelectorFindings(inventory.of("Telemetry"), telemetrySelector, workloadIndex(inventory)),
});
