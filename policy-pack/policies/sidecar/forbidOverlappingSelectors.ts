import { defineStackPolicy } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { overlappingSelectorFindings, sidecarSelector } from "../../lib/selectorTargets";

/** One Sidecar per pod (istioctl IST0110); none on ambient pods (IST0167). */
export const forbidOverlappingSelectors = defineStackPolicy({
  name: "istio-sidecar-forbid-overlapping-selectors",
  description:
    "At most one Sidecar with a workloadSelector may select a pod; with several, which applies is undefined " +
    "(istioctl IST0110). A Sidecar selecting an ambient pod has no effect (IST0167). Make the selectors disjoint, " +
    "or merge the Sidecars.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Sidecar", ...workloadIndexKinds],
  check: (inventory) => overlappingSelectorFindings(inventory.of("Sidecar"), sidecarSelector, workloadIndex(inventory), "IST0167"),
});
