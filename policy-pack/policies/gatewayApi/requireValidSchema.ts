import { defineResourcePolicy } from "../../lib/definePolicy";
import { gatewayApiSchemaProblems } from "../../lib/gatewayApiSchema";
import { gatewayApiSchemaVersion } from "../../lib/gatewayApiSchemaFile";
import { gatewayApiKinds } from "../../lib/meshResource";

/** Gateway API objects are valid against the standard channel's schemas and CEL rules, and use its fields only. */
export const requireValidSchema = defineResourcePolicy({
  name: "istio-gatewayapi-require-valid-schema",
  description:
    `Every Gateway API object must be valid against the standard-channel CRDs of Gateway API ${gatewayApiSchemaVersion}: its OpenAPI ` +
    "schema (after the API server's defaults) and its CEL rules (`x-kubernetes-validations`), with no field or kind the standard " +
    "channel lacks (experimental fields are dropped by standard CRDs, and the API server rejects experimental kinds). Fix the field named " +
    "in the message.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: gatewayApiKinds,
  check: (resource) => {
    // Copy the props out of the engine's unknown-checking proxy first, as the Istio schema policy does.
    const object = JSON.parse(JSON.stringify({ ...resource.props, apiVersion: resource.type.split(":")[1], kind: resource.type.split(":")[2] })) as Record<string, unknown>;
    return gatewayApiSchemaProblems(object).map(({ path, value, problem }) => ({
      path,
      found: value,
      expected: `a value the ${gatewayApiSchemaVersion} standard-channel schema accepts (${problem})`,
      fix: "Correct the field so it matches the Gateway API reference for the standard channel.",
    }));
  },
});
