/**
 * At most one resource of a kind without a workload selector per namespace (it is the namespace default). Every
 * member of a namespace with several is reported, naming the others, as istioctl reports each of them.
 */
import { StackFinding } from "./definePolicy";
import { MeshResource } from "./meshResource";
import { asRecord, isSet } from "./values";

export function isSelectorless(resource: MeshResource, selectorField: "workloadSelector" | "selector"): boolean {
  const selector = asRecord(resource.spec[selectorField]);
  const labels = asRecord(selector.labels ?? selector.matchLabels);
  return Object.keys(labels).length === 0 && !isSet(resource.spec.targetRefs) && !isSet(resource.spec.targetRef);
}

export function duplicateSelectorless(
  resources: readonly MeshResource[],
  selectorField: "workloadSelector" | "selector",
  fix: string,
  skipNamespace: (namespace: string) => boolean = () => false,
): StackFinding[] {
  const byNamespace = new Map<string, MeshResource[]>();
  for (const resource of resources) {
    if (isSelectorless(resource, selectorField) && !skipNamespace(resource.namespace)) {
      byNamespace.set(resource.namespace, [...(byNamespace.get(resource.namespace) ?? []), resource]);
    }
  }
  return [...byNamespace.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) =>
      group.map((resource) => ({
        resource,
        path: `spec.${selectorField}`,
        found: undefined,
        expected: `a workload selector (${group.filter((other) => other !== resource).map((other) => `${other.kind} ${other.namespace}/${other.name}`).join(", ")} also ${group.length > 2 ? "claim" : "claims"} to be the namespace-wide ${resource.kind})`,
        fix,
      })),
    );
}
