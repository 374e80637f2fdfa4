import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isGatewayRelease, isIstiodRelease, istiodRevision, releaseValues, servedRevisions, tagWebhook } from "../../lib/helmReleases";
import { MeshResource } from "../../lib/meshResource";
import { asString } from "../../lib/values";
import { revisionLabel } from "./forbidConflictingInjectionLabels";

/** Where a resource names the revision its sidecars come from, and the value it names. */
function revisionUse(resource: MeshResource): { path: string; value: string } | undefined {
  if (resource.kind === "Namespace") {
    const value = resource.labels[revisionLabel];
    return value === undefined ? undefined : { path: `metadata.labels["${revisionLabel}"]`, value };
  }
  const value = asString(releaseValues(resource).revision);
  return value ? { path: "values.revision", value } : undefined;
}

/**
 * Property 1 (revisions): a namespace or gateway injects from a control plane the stack runs, through an
 * istiod release's own webhooks or a revision tag webhook pointing at a running revision.
 */
export const requireServedRevision = defineStackPolicy({
  name: "istio-namespace-require-served-revision",
  description:
    `A Namespace's \`${revisionLabel}\` label, and a gateway release's \`revision\`, must name a revision or ` +
    "revision tag that a webhook of the stack serves: an istiod release's `revision` (`default` without one) or " +
    `\`revisionTags\`, or a revision tag webhook (\`istio.io/tag\`) whose \`${revisionLabel}\` names a running ` +
    "revision (property 1). Otherwise pods start without sidecars. Point the label at a served revision.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Namespace", "HelmRelease", "MutatingWebhookConfiguration"],
  check: (inventory) => {
    const istiods = inventory.of("HelmRelease").filter(isIstiodRelease);
    if (istiods.length === 0) {
      return [];
    }
    const running = new Set(istiods.map(istiodRevision));
    const served = new Set(istiods.flatMap(servedRevisions));
    const findings: StackFinding[] = [];
    for (const webhook of inventory.of("MutatingWebhookConfiguration")) {
      const tag = tagWebhook(webhook);
      if (tag === undefined) continue;
      if (running.has(tag.revision)) {
        served.add(tag.tag);
      } else {
        findings.push({
          resource: webhook,
          path: `metadata.labels["${revisionLabel}"]`,
          found: tag.revision,
          expected: `a revision an istiod release runs: ${[...running].join(", ")}`,
          fix: `Point revision tag ${tag.tag} at a running revision.`,
        });
      }
    }
    const users = [...inventory.of("Namespace"), ...inventory.of("HelmRelease").filter(isGatewayRelease)];
    for (const resource of users) {
      const use = revisionUse(resource);
      if (use !== undefined && !served.has(use.value)) {
        findings.push({
          resource,
          path: use.path,
          found: use.value,
          expected: `a served revision: ${[...served].join(", ")}`,
          fix: "Use a revision or revision tag istiod serves.",
        });
      }
    }
    return findings;
  },
});
