/**
 * Which declared pods each selector-scoped resource (Sidecar `workloadSelector.labels`, Telemetry
 * `selector.matchLabels`) applies to, within its namespace, as istioctl's Sidecar and Telemetry selector analyzers
 * pair them: resources whose selector matches no pod, and pods that several resources select.
 */
import { StackFinding } from "./definePolicy";
import { MeshResource } from "./meshResource";
import { WorkloadIndex } from "./selectedWorkloads";
import { asRecord, asStringMap } from "./values";
import { inAmbientMode, selectorString, Workload } from "./workloads";

export const sidecarSelector: SelectorField = { path: "spec.workloadSelector.labels", labelsOf: (sidecar) => asStringMap(asRecord(sidecar.spec.workloadSelector).labels) };
export const telemetrySelector: SelectorField = { path: "spec.selector.matchLabels", labelsOf: (telemetry) => asStringMap(asRecord(telemetry.spec.selector).matchLabels) };

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

/** A selector-scoped kind: where its selector sits and how it reads. */
export interface SelectorField {
  /** Field path of the labels: `spec.workloadSelector.labels`, `spec.selector.matchLabels`. */
  readonly path: string;
  readonly labelsOf: (resource: MeshResource) => Record<string, string>;
}

/** Resources whose selector matches no pod of their namespace (istioctl IST0101), in stacks that deploy workloads. */
export function unmatchedSelectorFindings(resources: readonly MeshResource[], field: SelectorField, workloads: WorkloadIndex): StackFinding[] {
  if (!workloads.declaresWorkloads) return [];
  return selectorTargets(resources, field.labelsOf, workloads).unmatched.map(({ resource, selector }) => ({
    resource,
    path: field.path,
    found: selector,
    expected: `labels of pods in namespace ${resource.namespace} (none matches ${selectorString(selector)})`,
    fix: `Match the labels of a workload in this namespace, or remove the ${resource.kind}.`,
  }));
}

/**
 * Each resource of a group that selects one pod together (istioctl IST0110, IST0159); with `ambientCode`, also each
 * resource selecting an ambient pod, where it has no effect.
 */
export function overlappingSelectorFindings(resources: readonly MeshResource[], field: SelectorField, workloads: WorkloadIndex, ambientCode?: string): StackFinding[] {
  const findings = new Map<string, StackFinding>();
  for (const [pod, selecting] of selectorTargets(resources, field.labelsOf, workloads).selecting) {
    const ambient = ambientCode !== undefined && inAmbientMode(pod);
    if (selecting.length === 1 && !ambient) continue;
    const kind = selecting[0].kind;
    for (const resource of selecting) {
      findings.set(`${resource.urn} ${ambient}`, {
        resource,
        path: field.path,
        found: field.labelsOf(resource),
        expected: ambient
          ? `a selector of sidecar pods (${pod.resource.kind} ${pod.namespace}/${pod.resource.name} runs in ambient mode, where ${kind}s do nothing)`
          : `a selector no other ${kind} shares (${names(selecting)} all select ${pod.resource.kind} ${pod.namespace}/${pod.resource.name})`,
        fix: ambient ? `Remove the ${kind} or take the pod out of ambient mode.` : `Make the selectors disjoint or merge the ${kind}s.`,
        ...(ambient ? { istioctlCode: ambientCode } : ambientCode !== undefined ? { istioctlCode: "IST0110" } : {}),
      });
    }
  }
  return [...findings.values()];
}
