import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isIstiodRelease, servedRevisions } from "../../lib/helmReleases";
import { revisionLabel } from "./forbidConflictingInjectionLabels";

/** Property 1 (revisions): a namespace injects from a control plane the stack runs. */
export const requireServedRevision = defineStackPolicy({
  name: "istio-namespace-require-served-revision",
  description:
    `A Namespace's \`${revisionLabel}\` label must name a revision or revision tag that the stack's istiod serves ` +
    "(its `revision` or `revisionTags`; `default` without a revision) (seed property 1). Otherwise pods start " +
    "without sidecars. Point the label at a served revision.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Namespace", "HelmRelease"],
  check: (inventory) => {
    const istiods = inventory.of("HelmRelease").filter(isIstiodRelease);
    if (istiods.length === 0) {
      return [];
    }
    const served = new Set(istiods.flatMap(servedRevisions));
    const findings: StackFinding[] = [];
    for (const namespace of inventory.of("Namespace")) {
      const revision = namespace.labels[revisionLabel];
      if (revision !== undefined && !served.has(revision)) {
        findings.push({
          resource: namespace,
          path: `metadata.labels["${revisionLabel}"]`,
          found: revision,
          expected: `a served revision: ${[...served].join(", ")}`,
          fix: "Use a revision or revision tag istiod serves.",
        });
      }
    }
    return findings;
  },
});
