import { shadowedHelmValues } from "../../lib/certManagerComponent";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { asRecord } from "../../lib/values";

/**
 * The cert-manager component writes its typed inputs over `helmOptions.values`, unset ones included: a typed key
 * (webhook, cainjector, startupapicheck, prometheus, …) set only there is silently replaced by nothing.
 */
export const forbidShadowedHelmValues = defineResourcePolicy({
  name: "istio-certmanager-forbid-shadowed-helm-values",
  description:
    "The cert-manager component (@pulumi/kubernetes-cert-manager 0.2.0) replaces every `helmOptions.values` key it " +
    "types (webhook, cainjector, startupapicheck, prometheus, replicaCount, resources, …) with its typed input, unset " +
    "or not, so such a key never reaches the chart. Set it through the typed input of the same name; keep " +
    "`helmOptions.values` for keys the component does not type (crds, podDisruptionBudget).",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["CertManager"],
  check: (component) => {
    const values = asRecord(asRecord(component.props.helmOptions).values);
    return shadowedHelmValues(component.props).map((key) => ({
      path: `helmOptions.values.${key}`,
      found: values[key],
      expected: `nothing here: the component replaces it with its typed \`${key}\` input`,
      fix: `Move it to the component's typed \`${key}\` argument.`,
    }));
  },
});
