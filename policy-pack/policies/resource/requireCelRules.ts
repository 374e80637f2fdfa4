import { celViolations } from "../../lib/celRules";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { IstioKind, istioKinds } from "../../lib/meshResource";

/** Property 22 (CEL part): every `x-kubernetes-validations` rule of the pinned CRDs, as the API server evaluates it. */
export const requireCelRules = defineResourcePolicy({
  name: "istio-resource-require-cel-rules",
  description:
    "Every Istio resource must satisfy all CEL validation rules (`x-kubernetes-validations`) of Istio 1.30.4's CRDs, " +
    "evaluated as the Kubernetes API server does: durations of at least 1ms, ports 1–65535, no wildcards in selector " +
    "labels, one of selector/targetRefs, one TLS credential source, ServiceEntry resolution rules, and the rest (" +
    "property 22). Fix the field named in the message.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: Object.keys(istioKinds) as IstioKind[],
  check: (resource) => celViolations(resource.kind as IstioKind, resource.props).map(({ path, found, expected, fix }) => ({ path, found, expected, fix })),
});
