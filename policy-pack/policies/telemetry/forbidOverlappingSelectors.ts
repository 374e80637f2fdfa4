import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { names, selectorTargets } from "../../lib/selectorTargets";
import { asRecord, asStringMap } from "../../lib/values";

/** One selector-scoped Telemetry per pod (istioctl IST0159). */
export const forbidOverlappingSelectors = defineStackPolicy({
  name: "istio-telemetry-forbid-overlapping-selectors",
  description:
    "At most one Telemetry with a selector may select a pod; with several, which applies is undefined (istioctl " +
    "IST0159). Make the selectors disjoint, or merge the Telemetries.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Telemetry", ...workloadIndexKinds],
  check: (inventory) => {
    const { selecting } = selectorTargets(inventory.of("Telemetry"), (telemetry) => asStringMap(asRecord(telemetry.spec.selector).matchLabels), workloadIndex(inventory));
    const findings = new Map<string, StackFinding>();
    for (const [pod, telemetries] of selecting) {
      if (telemetries.length < 2) continue;
      for (const telemetry of telemetries) {
        findings.set(telemetry.urn, {
          resource: telemetry,
          path: "spec.selector.matchLabels",
          found: asStringMap(asRecord(telemetry.spec.selector).matchLabels),
          expected: `a selector no other Telemetry shares (${names(telemetries)} all select ${pod.resource.kind} ${pod.namespace}/${pod.resource.name})`,
          fix: "Make the selectors disjoint or merge the Telemetries.",
        });
      }
    }
    return [...findings.values()];
  },
});
