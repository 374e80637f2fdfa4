import { defineResourcePolicy } from "../../lib/definePolicy";
import { schemaErrors } from "../../lib/istioModels";
import { IstioKind, istioKinds } from "../../lib/meshResource";

/** Property 22 (OpenAPI part): the API server would accept the resource (istioctl IST0106). */
export const requireValidSchema = defineResourcePolicy({
  name: "istio-resource-require-valid-schema",
  description:
    "Every Istio resource must be valid against its v1 OpenAPI schema (property 22, istioctl IST0106). " +
    "Fix the field named in the message: wrong type, unknown enum value or missing required field.",
  enforcementLevel: "mandatory",
  severity: "high",
  // @kubernetes-models/istio has no TrafficExtension model; its CEL rules are enforced by istio-resource-require-cel-rules.
  kinds: (Object.keys(istioKinds) as IstioKind[]).filter((kind) => kind !== "TrafficExtension"),
  check: async (resource) =>
    (await schemaErrors(resource.kind as IstioKind, resource.props)).map(({ path, value, problems }) => ({
      path,
      found: value,
      expected: `a value the v1 schema accepts (${problems.join("; ")})`,
      fix: "Correct the field so it matches the Istio API reference.",
    })),
});
