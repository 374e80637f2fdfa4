/**
 * Which declared pods each selector-scoped resource (Sidecar `workloadSelector.labels`, Telemetry
 * `selector.matchLabels`) applies to, within its namespace, as istioctl's Sidecar and Telemetry selector analyzers
 * pair them: resources whose selector matches no pod, and pods that several resources select.
 */
import { MeshResource } from "./meshResource";
import { WorkloadIndex } from "./selectedWorkloads";
import { Workload } from "./workloads";

export interface SelectorTargets {
  /** Resources with a non-empty selector that matches no pod of their namespace. */
  readonly unmatched: Array<{ resource: MeshResource; selector: Record<string, string> }>;
  /** Per pod (by its declaring resource), the resources that select it. */
  readonly selecting: Map<Workload, MeshResource[]>;
}

export function selectorTargets(
  resources: readonly MeshResource[],
  selectorOf: (resource: MeshResource) => Record<string, string>,
  workloads: WorkloadIndex,
): SelectorTargets {
  const unmatched: SelectorTargets["unmatched"] = [];
  const selecting = new Map<Workload, MeshResource[]>();
  for (const resource of resources) {
    const selector = selectorOf(resource);
    if (Object.keys(selector).length === 0) continue;
    const pods = workloads.matching(selector, resource.namespace);
    if (pods.length === 0) unmatched.push({ resource, selector });
    for (const pod of pods) selecting.set(pod, [...(selecting.get(pod) ?? []), resource]);
  }
  return { unmatched, selecting };
}

export function names(resources: readonly MeshResource[]): string {
  return resources.map((resource) => resource.name).sort().join(", ");
}
