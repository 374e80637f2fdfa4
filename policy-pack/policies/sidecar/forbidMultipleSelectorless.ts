import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { duplicateSelectorless, isSelectorless } from "../../lib/selectorless";
import { Json } from "../../lib/values";

/** In ambient mode (and no sidecar injection), a namespace's pods have no sidecar for a Sidecar to configure. */
export function isAmbientNamespace(labels: Record<string, string>): boolean {
  return labels["istio-injection"] !== "enabled" && !labels["istio.io/rev"] && labels["istio.io/dataplane-mode"] === "ambient";
}

/** One namespace-default Sidecar (istioctl IST0111); none in an ambient namespace (IST0167). */
export const forbidMultipleSelectorless = defineStackPolicy({
  name: "istio-sidecar-forbid-multiple-selectorless",
  description:
    "A namespace has at most one Sidecar without `workloadSelector`; with several, which one applies is undefined " +
    "(istioctl IST0111 MultipleSidecarsWithoutWorkloadSelectors). In an ambient namespace such a Sidecar has no " +
    "effect (IST0167). Merge them or add a workloadSelector; remove Sidecars from ambient namespaces.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Sidecar", "Namespace"],
  check: (inventory) => {
    const ambient = new Set(inventory.of("Namespace").filter((namespace) => isAmbientNamespace(namespace.labels)).map((namespace) => namespace.name));
    const ineffective: StackFinding[] = inventory
      .of("Sidecar")
      .filter((sidecar) => ambient.has(sidecar.namespace) && isSelectorless(sidecar, "workloadSelector"))
      .map((sidecar) => ({
        resource: sidecar,
        path: "spec.workloadSelector",
        found: undefined as Json | undefined,
        expected: `no namespace-wide Sidecar in ${sidecar.namespace}, which runs in ambient mode (istio.io/dataplane-mode: ambient)`,
        fix: "Remove the Sidecar; ambient workloads are configured through waypoints.",
        istioctlCode: "IST0167",
      }));
    const conflicting = duplicateSelectorless(
      inventory.of("Sidecar"),
      "workloadSelector",
      "Merge the namespace-wide Sidecars, or give this one a workloadSelector.",
      (namespace) => ambient.has(namespace),
    ).map((finding) => ({ ...finding, istioctlCode: "IST0111" }));
    return [...conflicting, ...ineffective];
  },
});
