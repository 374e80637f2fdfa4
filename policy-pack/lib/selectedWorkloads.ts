/** Matching workload selectors against the pods a stack declares (see workloads.ts), indexed by namespace. */
import { MeshInventory } from "./definePolicy";
import { Kind } from "./meshResource";
import { labelsMatch, Workload, workloadsByNamespace, workloadsOf, workloadSourceKinds } from "./workloads";

export interface WorkloadIndex {
  readonly all: readonly Workload[];
  /**
   * Whether the stack deploys workloads of its own (Pods, Deployments, …; gateway releases aside). A stack that
   * deploys none, like a platform stack whose app teams deploy the pods, is not judged on what its selectors match.
   */
  readonly declaresWorkloads: boolean;
  inNamespace(namespace: string): readonly Workload[];
  /** Workloads of a namespace (every namespace when undefined) whose labels the selector matches. */
  matching(selector: Record<string, string>, namespace?: string): Workload[];
}

export const workloadIndexKinds: readonly Kind[] = workloadSourceKinds;

export function workloadIndex(inventory: MeshInventory): WorkloadIndex {
  const all = workloadsOf(inventory);
  const byNamespace = workloadsByNamespace(all);
  const inNamespace = (namespace: string) => byNamespace.get(namespace) ?? [];
  return {
    all,
    declaresWorkloads: all.some((workload) => workload.resource.kind !== "HelmRelease"),
    inNamespace,
    matching: (selector, namespace) => (namespace === undefined ? all : inNamespace(namespace)).filter((workload) => labelsMatch(selector, workload.labels)),
  };
}
