import { projectsByName, projectOf, syncableIstioKinds } from "../../lib/argocd";
import { defineStackPolicy, type StackFinding } from "../../lib/definePolicy";
import { isIstiodRelease, releaseValues } from "../../lib/helmReleases";
import { asRecord, asStringMap } from "../../lib/values";

/**
 * The Argo CD health checks of property 17 read `status.validationMessages`, which istiod writes only while its
 * in-cluster analysis runs (`PILOT_ENABLE_ANALYSIS`, set by the istiod chart from `global.istiod.enableAnalysis`).
 * Without it every Istio object an Application syncs looks healthy whatever istiod finds.
 */
export const requireIstiodAnalysis = defineStackPolicy({
  name: "istio-helmrelease-require-istiod-analysis",
  description:
    "Where the stack declares Argo CD Applications that may sync Istio objects, every istiod release runs istiod's " +
    "in-cluster analysis (`values.global.istiod.enableAnalysis: true`, or `env.PILOT_ENABLE_ANALYSIS: \"true\"`), which " +
    "writes the status.validationMessages the Argo CD health checks read.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HelmRelease", "Application", "AppProject"],
  check: (inventory) => {
    const projects = projectsByName(inventory);
    const syncsIstio = inventory.of("Application").some((application) => syncableIstioKinds(projectOf(application, projects)).length > 0);
    if (!syncsIstio) return [];
    const findings: StackFinding[] = [];
    for (const release of inventory.of("HelmRelease").filter(isIstiodRelease)) {
      const values = releaseValues(release);
      const enabled = asRecord(asRecord(values.global).istiod).enableAnalysis === true || asStringMap(values.env).PILOT_ENABLE_ANALYSIS === "true";
      if (!enabled) {
        findings.push({
          resource: release,
          path: "values.global.istiod.enableAnalysis",
          found: asRecord(asRecord(values.global).istiod).enableAnalysis,
          expected: "true while Argo CD Applications may sync Istio objects",
          fix: "Set global.istiod.enableAnalysis: true.",
        });
      }
    }
    return findings;
  },
});
