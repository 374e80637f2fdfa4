import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serviceRegistry, serviceRegistryKinds } from "../../lib/serviceRegistry";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asArray, asRecord, asString, asStringArray, asStringMap } from "../../lib/values";
import { labelsMatch, Workload } from "../../lib/workloads";

/**
 * The labels Istio adds to every endpoint before matching subsets (pkg/config/labels AugmentLabels): the node's
 * topology (`topology.kubernetes.io/region`, `zone`, `topology.istio.io/subzone` of a declared Node the pod is
 * scheduled on) and `kubernetes.io/hostname`.
 */
function augmentedLabels(workload: Workload, nodes: Map<string, Record<string, string>>): Record<string, string> {
  const nodeName = asString(workload.podSpec.nodeName);
  if (nodeName === undefined) return workload.labels;
  const node = nodes.get(nodeName) ?? {};
  const region = node["topology.kubernetes.io/region"];
  const zone = node["topology.kubernetes.io/zone"];
  const subzone = node["topology.istio.io/subzone"];
  return {
    ...workload.labels,
    ...(region ? { "topology.kubernetes.io/region": region } : {}),
    ...(zone ? { "topology.kubernetes.io/zone": zone } : {}),
    ...(subzone ? { "topology.istio.io/subzone": subzone } : {}),
    "kubernetes.io/hostname": nodeName,
  };
}

/** Every subset selects pods the stack runs (istioctl IST0173). */
export const requireSubsetWorkloads = defineStackPolicy({
  name: "istio-destinationrule-require-subset-workloads",
  description:
    "Every subset of a DestinationRule must select pods the stack runs (its labels, with the ServiceEntry's " +
    "workloadSelector, against pod labels and the node topology Istio adds); a subset without endpoints answers " +
    "503 NoHealthyUpstream (istioctl IST0173). Fix the subset's labels, or deploy the version it names.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["DestinationRule", "Node", ...new Set([...serviceRegistryKinds, ...workloadIndexKinds])],
  check: (inventory) => {
    const registry = serviceRegistry(inventory);
    const nodes = new Map(inventory.of("Node").map((node) => [node.name, node.labels]));
    const workloads = workloadIndex(inventory);
    if (!workloads.declaresWorkloads) return [];
    const pods = workloads.all.map((workload) => augmentedLabels(workload, nodes));
    const findings: StackFinding[] = [];
    for (const rule of inventory.of("DestinationRule")) {
      const service = registry.lookup(rule.namespace, asStringArray(rule.spec.exportTo), asString(rule.spec.host) ?? "");
      if (service === undefined) continue;
      asArray(rule.spec.subsets).forEach((entry, i) => {
        const subset = asRecord(entry);
        const selector = { ...service.workloadLabels, ...asStringMap(subset.labels) };
        if (!pods.some((labels) => labelsMatch(selector, labels))) {
          findings.push({ resource: rule, path: `spec.subsets[${i}].labels`, found: subset.labels, expected: `labels of pods the stack runs (subset ${asString(subset.name) ?? i} selects none)`, fix: "Match the labels of the workload version this subset stands for." });
        }
      });
    }
    return findings;
  },
});
