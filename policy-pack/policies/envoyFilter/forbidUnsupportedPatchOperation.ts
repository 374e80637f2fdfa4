import { defineResourcePolicy } from "../../lib/definePolicy";
import { configPatches } from "../../lib/envoyFilter";
import { asRecord, asString } from "../../lib/values";

/**
 * The object types each restricted operation accepts, as istiod applies them (pilot/pkg/networking/core/envoyfilter:
 * REPLACE on filters, listener filters and virtual hosts; a route configuration only merges); other operations are
 * checked by the schema.
 */
const supportedTargets: Record<string, string[]> = {
  REPLACE: ["HTTP_FILTER", "NETWORK_FILTER", "LISTENER_FILTER", "VIRTUAL_HOST"],
  ADD: ["LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER", "LISTENER_FILTER", "CLUSTER", "VIRTUAL_HOST", "HTTP_ROUTE", "EXTENSION_CONFIG", "BOOTSTRAP"],
  REMOVE: ["LISTENER", "FILTER_CHAIN", "NETWORK_FILTER", "HTTP_FILTER", "LISTENER_FILTER", "CLUSTER", "VIRTUAL_HOST", "HTTP_ROUTE"],
};
/** istioctl's message for each ignored operation. */
const istioctlCodes: Record<string, string> = { REPLACE: "IST0152", ADD: "IST0153", REMOVE: "IST0154" };
/** EXTENSION_CONFIG patches can only add. */
const extensionConfigOperations = ["ADD"];

function allowedOperation(applyTo: string, operation: string): boolean {
  if (applyTo === "EXTENSION_CONFIG") {
    return extensionConfigOperations.includes(operation);
  }
  const targets = supportedTargets[operation];
  return targets === undefined || applyTo === "" || targets.includes(applyTo);
}

/** Patches Istio would silently ignore (istioctl IST0152, IST0153, IST0154). */
export const forbidUnsupportedPatchOperation = defineResourcePolicy({
  name: "istio-envoyfilter-forbid-unsupported-patch-operation",
  description:
    "An EnvoyFilter patch must use an operation its `applyTo` supports: REPLACE only on HTTP_FILTER, NETWORK_FILTER, " +
    "LISTENER_FILTER or VIRTUAL_HOST, a ROUTE_CONFIGURATION only with MERGE, EXTENSION_CONFIG only with ADD; anything " +
    "else is ignored by Istio (istioctl IST0152, IST0153, IST0154). Use MERGE or REMOVE+ADD for other objects.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["EnvoyFilter"],
  check: (envoyFilter) =>
    configPatches(envoyFilter.spec)
      .map(({ path, value }) => ({
        path,
        applyTo: asString(value.applyTo) ?? "",
        operation: asString(asRecord(value.patch).operation) ?? "",
      }))
      .filter(({ applyTo, operation }) => !allowedOperation(applyTo, operation))
      .map(({ path, applyTo, operation }) => ({
        path: `${path}.patch.operation`,
        found: operation,
        expected:
          applyTo === "EXTENSION_CONFIG"
            ? "ADD for applyTo EXTENSION_CONFIG"
            : `an operation supported on ${applyTo} (${operation} works on ${supportedTargets[operation].join(", ")})`,
        fix: "Change the operation or the applyTo target.",
        istioctlCode: istioctlCodes[operation],
      })),
});
