import { defineStackPolicy } from "../../lib/definePolicy";
import { duplicateSelectorless } from "../../lib/selectorless";

/** One namespace-default Telemetry. */
export const forbidMultipleSelectorless = defineStackPolicy({
  name: "istio-telemetry-forbid-multiple-selectorless",
  description:
    "A namespace has at most one Telemetry without `selector` or `targetRefs`; with several, which one applies " +
    "is undefined. Merge them or add a selector.",
  enforcementLevel: "mandatory",
  severity: "low",
  kinds: ["Telemetry"],
  check: (inventory) =>
    duplicateSelectorless(inventory.of("Telemetry"), "selector", "Merge the namespace-wide Telemetry resources, or give this one a selector."),
});
