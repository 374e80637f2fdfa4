import { defineStackPolicy } from "../../lib/definePolicy";
import { duplicateSelectorless } from "../../lib/selectorless";

/** One namespace-default Sidecar (istioctl IST0111). */
export const forbidMultipleSelectorless = defineStackPolicy({
  name: "istio-sidecar-forbid-multiple-selectorless",
  description:
    "A namespace has at most one Sidecar without `workloadSelector`; with several, which one applies is undefined " +
    "(istioctl IST0111 MultipleSidecarsWithoutWorkloadSelectors). Merge them or add a workloadSelector.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Sidecar"],
  check: (inventory) =>
    duplicateSelectorless(inventory.of("Sidecar"), "workloadSelector", "Merge the namespace-wide Sidecars, or give this one a workloadSelector."),
});
