import { argocdConfigSources, type GroupKind, healthCheckOf, projectOf, projectsByName, syncableIstioKinds } from "../../lib/argocd";
import { defineStackPolicy, type StackFinding } from "../../lib/definePolicy";
import type { MeshResource } from "../../lib/meshResource";

/** What a health check must read: the analysis istiod writes into every Istio object's status. */
const statusField = "validationMessages";

const describe = (groupKind: GroupKind) => `${groupKind.group}_${groupKind.kind}`;

/**
 * Property 17: every Argo CD instance the stack installs or configures has a health check for every Istio kind its
 * Applications may sync, reading the status istiod writes. Argo CD ships no health check for Istio's groups and counts
 * such objects healthy, so a VirtualService istiod reports errors for would show Healthy.
 */
export const requireIstioHealthChecks = defineStackPolicy({
  name: "argocd-application-require-istio-health-checks",
  description:
    "Every Argo CD instance the stack installs or configures (the argo-cd release's `configs.cm`, an `argocd-cm` ConfigMap or " +
    "ConfigMapPatch) has a health check `resource.customizations.health.<group>_<Kind>` for every Istio kind its Applications " +
    "may sync (what their AppProject permits; every Istio kind for a project the stack does not declare), reading " +
    "`status.validationMessages`, which istiod's analysis writes: otherwise Argo CD shows a broken Istio object as Healthy. " +
    "Declare the Argo CD instance's health checks (its argocd-cm, or the argo-cd release's configs.cm), or add the missing keys.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Application", "AppProject", "HelmRelease", "ConfigMap", "ConfigMapPatch"],
  check: (inventory) => {
    const projects = projectsByName(inventory);
    const configs = argocdConfigSources(inventory);
    const needed = new Map<string, { kinds: Map<string, GroupKind>; applications: MeshResource[] }>();
    for (const application of inventory.of("Application")) {
      const entry = needed.get(application.namespace) ?? { kinds: new Map<string, GroupKind>(), applications: [] as MeshResource[] };
      syncableIstioKinds(projectOf(application, projects)).forEach((groupKind) => entry.kinds.set(describe(groupKind), groupKind));
      entry.applications.push(application);
      needed.set(application.namespace, entry);
    }
    const findings: StackFinding[] = [];
    for (const [namespace, { kinds, applications }] of needed) {
      const sources = configs.get(namespace) ?? [];
      if (sources.length === 0) {
        for (const application of applications) {
          findings.push({
            resource: application,
            path: "metadata.namespace",
            found: namespace,
            expected: `an Argo CD in ${namespace} whose argocd-cm the stack configures with health checks for ${[...kinds.keys()].join(", ")}`,
            fix: "Declare the Argo CD instance in this stack (the argo-cd release, or a patch of its argocd-cm) with Istio health checks.",
          });
        }
        continue;
      }
      const entries = Object.assign({}, ...sources.map((source) => source.entries)) as Record<string, string>;
      const owner = sources[0];
      for (const groupKind of kinds.values()) {
        const check = healthCheckOf(entries, groupKind);
        if (check === undefined) {
          findings.push({
            resource: owner.resource,
            path: `${owner.path}["resource.customizations.health.${describe(groupKind)}"]`,
            found: undefined,
            expected: `a health check for ${groupKind.kind}, which Applications in ${namespace} may sync`,
            fix: "Add a Lua health check that reads status.validationMessages.",
          });
        } else if (!check.script.includes(statusField)) {
          findings.push({
            resource: owner.resource,
            path: `${owner.path}["${check.key}"]`,
            found: `${check.script.slice(0, 60)}...`,
            expected: `a health check reading status.${statusField} (the analysis istiod writes)`,
            fix: "Read obj.status.validationMessages: an ERROR message makes the object Degraded.",
          });
        }
      }
    }
    return findings;
  },
});
