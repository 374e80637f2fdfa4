import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { names, selectorTargets } from "../../lib/selectorTargets";
import { asRecord, asStringMap } from "../../lib/values";
import { inAmbientMode } from "../../lib/workloads";

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
  check: (inventory) => {
    const { selecting } = selectorTargets(inventory.of("Sidecar"), (sidecar) => asStringMap(asRecord(sidecar.spec.workloadSelector).labels), workloadIndex(inventory));
    const findings = new Map<string, StackFinding>();
    for (const [pod, sidecars] of selecting) {
      const ambient = inAmbientMode(pod);
      if (sidecars.length === 1 && !ambient) continue;
      for (const sidecar of sidecars) {
        findings.set(`${sidecar.urn} ${ambient}`, {
          resource: sidecar,
          path: "spec.workloadSelector.labels",
          found: asStringMap(asRecord(sidecar.spec.workloadSelector).labels),
          expected: ambient
            ? `a selector of sidecar pods (${pod.resource.kind} ${pod.namespace}/${pod.resource.name} runs in ambient mode, where Sidecars do nothing)`
            : `a selector no other Sidecar shares (${names(sidecars)} all select ${pod.resource.kind} ${pod.namespace}/${pod.resource.name})`,
          fix: ambient ? "Remove the Sidecar or take the pod out of ambient mode." : "Make the selectors disjoint or merge the Sidecars.",
          istioctlCode: ambient ? "IST0167" : "IST0110",
        });
      }
    }
    return [...findings.values()];
  },
});
