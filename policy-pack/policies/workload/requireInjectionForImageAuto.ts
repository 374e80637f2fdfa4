import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { injected, injectionWebhookKinds, injectionWebhooks } from "../../lib/injectionWebhooks";
import { containersOf, podTemplateOf, workloadKinds } from "../../lib/workloads";
import { asStringMap } from "../../lib/values";

/** `image: auto` proxies are injected (istioctl IST0146 for Deployments, IST0147 for Pods). */
export const requireInjectionForImageAuto = defineStackPolicy({
  name: "istio-workload-require-injection-for-image-auto",
  description:
    "A workload whose `istio-proxy` container says `image: auto` (gateway deployments do) must be selected by an " +
    "Istio injection webhook, which writes the real image; otherwise its pods fail to pull `auto` (istioctl IST0146, " +
    "IST0147 for a Pod). Label its namespace for injection (istio-injection=enabled or istio.io/rev), or its pods " +
    "sidecar.istio.io/inject=true.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: [...workloadKinds, "Namespace", ...injectionWebhookKinds],
  check: (inventory) => {
    const webhooks = injectionWebhooks(inventory);
    const namespaceLabels = new Map(inventory.of("Namespace").map((namespace) => [namespace.name, namespace.labels]));
    return workloadKinds.flatMap((kind) =>
      inventory.of(kind).flatMap((workload): StackFinding[] => {
        const { metadata, spec, path } = podTemplateOf(workload);
        const index = containersOf(spec).findIndex((container) => container.name === "istio-proxy" && container.image === "auto");
        if (index < 0 || injected(webhooks, namespaceLabels.get(workload.namespace) ?? {}, asStringMap(metadata.labels))) return [];
        return [{
          resource: workload,
          path: `${path}.containers[${index}].image`,
          found: "auto",
          expected: `an Istio injection webhook selecting the pods (namespace ${workload.namespace}: ${JSON.stringify(namespaceLabels.get(workload.namespace) ?? {})})`,
          fix: "Label the namespace istio-injection=enabled (or istio.io/rev=<revision>), or the pods sidecar.istio.io/inject=true.",
          istioctlCode: kind === "Pod" ? "IST0147" : "IST0146",
        }];
      }),
    );
  },
});
