import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { meshConfigSourceKinds, meshSettingsOf } from "../../lib/meshConfig";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asRecord, asStringMap, isSet } from "../../lib/values";
import { inAmbientMode, inMesh, labelsMatch, selectorString, Workload } from "../../lib/workloads";

/** An AuthorizationPolicy applies to mesh workloads the stack runs (istioctl IST0127). */
export const requireSelectedWorkload = defineStackPolicy({
  name: "istio-authorizationpolicy-require-selected-workload",
  description:
    "An AuthorizationPolicy must apply to mesh workloads the stack runs: its selector (any namespace for a policy in " +
    "the root namespace), or any mesh pod of its namespace when it has none; otherwise it protects nothing and a typo " +
    "goes unnoticed (istioctl IST0127). Fix the selector labels, or remove the policy. Stacks that deploy no " +
    "workloads of their own are not judged.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["AuthorizationPolicy", "Namespace", ...new Set([...workloadIndexKinds, ...meshConfigSourceKinds])],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    if (!workloads.declaresWorkloads) return [];
    const namespaceLabels = new Map(inventory.of("Namespace").map((namespace) => [namespace.name, namespace.labels]));
    const meshPod = (workload: Workload) => inMesh(workload, (namespace) => namespaceLabels.get(namespace)) || inAmbientMode(workload);
    const root = meshSettingsOf(inventory).rootNamespace;
    return inventory.of("AuthorizationPolicy").flatMap((policy): StackFinding[] => {
      const hasSelector = isSet(policy.spec.selector);
      const selector = asStringMap(asRecord(policy.spec.selector).matchLabels);
      const meshWide = policy.namespace === root;
      if (meshWide && !hasSelector) return [];
      const candidates = meshWide ? workloads.all : workloads.inNamespace(policy.namespace);
      if (candidates.some((workload) => meshPod(workload) && labelsMatch(selector, workload.labels))) return [];
      return [{
        resource: policy,
        path: hasSelector ? "spec.selector.matchLabels" : "spec.selector",
        found: hasSelector ? selector : undefined,
        expected: hasSelector
          ? `labels of mesh workloads ${meshWide ? "in any namespace" : `in namespace ${policy.namespace}`} (none matches ${selectorString(selector) || "the empty selector"})`
          : `mesh workloads in namespace ${policy.namespace} for this namespace-wide policy (there are none)`,
        fix: "Match the labels of a mesh workload, or remove the policy.",
      }];
    });
  },
});
