import { defineResourcePolicy } from "../../lib/definePolicy";
import { asArray, asRecord } from "../../lib/values";

/** Property 5 for HTTPRoutes: weights are non-negative integers and a rule's weights do not all read zero. */
export const requireValidWeights = defineResourcePolicy({
  name: "istio-httproute-require-valid-weights",
  description:
    "Every backendRef weight of an HTTPRoute rule must be a non-negative integer, and a rule with backends must not give them all " +
    "weight 0: Istio then answers every request with 500 (property 5). Give at least one backend a positive weight.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["HTTPRoute"],
  check: (route) =>
    asArray(route.spec.rules).flatMap((entry, r) => {
      const refs = asArray(asRecord(entry).backendRefs).map(asRecord);
      const weights = refs.map((ref) => (ref.weight === undefined ? 1 : ref.weight));
      const bad = weights.flatMap((weight, b) =>
        typeof weight === "number" && Number.isInteger(weight) && weight >= 0
          ? []
          : [{ path: `spec.rules[${r}].backendRefs[${b}].weight`, found: weight, expected: "a non-negative integer", fix: "Set an integer weight of 0 or more." }],
      );
      const allZero = refs.length > 0 && weights.every((weight) => weight === 0);
      return allZero
        ? [...bad, { path: `spec.rules[${r}].backendRefs`, found: weights, expected: "at least one positive weight (all 0 answers 500)", fix: "Give at least one backend a positive weight." }]
        : bad;
    }),
});
