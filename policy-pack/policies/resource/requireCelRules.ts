import { celViolations } from "../../lib/celRules";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { IstioKind, istioKinds } from "../../lib/meshResource";

/** Property 22 (CEL part): the CRDs' `x-kubernetes-validations` rules, which the models don't check. */
export const requireCelRules = defineResourcePolicy({
  name: "istio-resource-require-cel-rules",
  description:
    "Every Istio resource must satisfy the CEL validation rules of Istio 1.30.4's CRDs: durations of at least " +
    "1ms, ports 1–65535, no wildcards in selector labels, one of selector/targetRefs, one TLS credential source, " +
    "ServiceEntry resolution rules (seed property 22). Fix the field named in the message.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: Object.keys(istioKinds) as IstioKind[],
  check: (resource) => celViolations(resource.kind as IstioKind, resource.spec),
});
