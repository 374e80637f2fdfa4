import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { Kind } from "../../lib/meshResource";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asRecord, asStringMap, isSet } from "../../lib/values";
import { labelsMatch } from "../../lib/workloads";

const gatewayNameLabel = "gateway.networking.k8s.io/gateway-name";
const policyKinds: readonly Kind[] = ["AuthorizationPolicy", "RequestAuthentication", "Telemetry", "WasmPlugin"];

/** Policies reach Gateway API gateway pods through targetRefs, not selectors (istioctl IST0166). */
export const forbidSelectorOnKubernetesGateway = defineStackPolicy({
  name: "istio-resource-forbid-selector-on-kubernetes-gateway",
  description:
    "An AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin must not select the pods of a Kubernetes " +
    "Gateway API gateway (labelled gateway.networking.k8s.io/gateway-name) with `selector`: such gateways ignore " +
    "selectors (istioctl IST0166). Use `targetRefs` naming the Gateway instead.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: [...policyKinds, ...workloadIndexKinds],
  check: (inventory) => {
    const gatewayPods = workloadIndex(inventory).all.filter((workload) => workload.labels[gatewayNameLabel] !== undefined);
    return policyKinds.flatMap((kind) =>
      inventory.of(kind).flatMap((policy): StackFinding[] => {
        if (isSet(policy.spec.targetRef) || !isSet(policy.spec.selector)) return [];
        const selector = asStringMap(asRecord(policy.spec.selector).matchLabels);
        const pod = gatewayPods.find((workload) => workload.namespace === policy.namespace && labelsMatch(selector, workload.labels));
        return pod === undefined
          ? []
          : [{ resource: policy, path: "spec.selector", found: selector, expected: `targetRefs to Gateway ${pod.labels[gatewayNameLabel]} (its pods ignore selectors)`, fix: "Replace the selector with targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: …}]." }];
      }),
    );
  },
});
