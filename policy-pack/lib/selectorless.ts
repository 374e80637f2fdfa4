/** At most one resource of a kind without a workload selector per namespace (it is the namespace default). */
import { StackFinding } from "./definePolicy";
import { describeResource, MeshResource } from "./meshResource";
import { asRecord } from "./values";

export function duplicateSelectorless(
  resources: readonly MeshResource[],
  selectorField: "workloadSelector" | "selector",
  fix: string,
): StackFinding[] {
  const firstByNamespace = new Map<string, string>();
  const findings: StackFinding[] = [];
  for (const resource of resources) {
    const selector = asRecord(resource.spec[selectorField]);
    const labels = asRecord(selector.labels ?? selector.matchLabels);
    if (Object.keys(labels).length > 0 || resource.spec.targetRefs !== undefined || resource.spec.targetRef !== undefined) {
      continue;
    }
    const first = firstByNamespace.get(resource.namespace);
    if (first === undefined) {
      firstByNamespace.set(resource.namespace, describeResource(resource));
      continue;
    }
    findings.push({
      resource,
      path: `spec.${selectorField}`,
      found: undefined,
      expected: `a workload selector (${first} is already the namespace-wide ${resource.kind})`,
      fix,
    });
  }
  return findings;
}
