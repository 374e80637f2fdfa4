import { defineResourcePolicy } from "../../lib/definePolicy";
import { configPatches } from "../../lib/envoyFilter";
import { asRecord, asString } from "../../lib/values";

/** The object types each restricted operation accepts; other operations are checked by the schema. */
const supportedTargets: Record<string, string[]> = {
  REPLACE: ["HTTP_FILTER", "NETWORK_FILTER"],
};
/** EXTENSION_CONFIG patches can only add. */
const extensionConfigOperations = ["ADD"];

function allowedOperation(applyTo: string, operation: string): boolean {
  if (applyTo === "EXTENSION_CONFIG") {
    return extensionConfigOperations.includes(operation);
  }
  const targets = supportedTargets[operation];
  return targets === undefined || targets.includes(applyTo);
}

/** Patches Istio would silently ignore (istioctl IST0152). */
export const forbidUnsupportedPatchOperation = defineResourcePolicy({
  name: "istio-envoyfilter-forbid-unsupported-patch-operation",
  description:
    "An EnvoyFilter patch must use an operation its `applyTo` supports: REPLACE only on HTTP_FILTER or " +
    "NETWORK_FILTER, EXTENSION_CONFIG only with ADD; anything else is ignored by Istio (istioctl IST0152). " +
    "Use MERGE or REMOVE+ADD for other objects.",
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
            : `an operation supported on ${applyTo} (REPLACE works only on ${supportedTargets.REPLACE.join(" and ")})`,
        fix: "Change the operation or the applyTo target.",
      })),
});
