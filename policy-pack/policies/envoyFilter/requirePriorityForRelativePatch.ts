import { defineResourcePolicy } from "../../lib/definePolicy";
import { configPatches } from "../../lib/envoyFilter";
import { asRecord, asString } from "../../lib/values";

/**
 * Operations whose effect depends on what other EnvoyFilters did before, as istioctl IST0151 counts them: MERGE is
 * not one; REMOVE on a route configuration or route and REPLACE outside filters are ignored patches (IST0152-4).
 */
function isRelative(applyTo: string, operation: string): boolean {
  switch (operation) {
    case "INSERT_BEFORE":
    case "INSERT_AFTER":
      return true;
    case "REMOVE":
      return applyTo !== "ROUTE_CONFIGURATION" && applyTo !== "HTTP_ROUTE";
    case "REPLACE":
      return applyTo === "HTTP_FILTER" || applyTo === "NETWORK_FILTER";
    default:
      return false;
  }
}

/** Deterministic ordering of EnvoyFilters that patch relative to other patches. */
export const requirePriorityForRelativePatch = defineResourcePolicy({
  name: "istio-envoyfilter-require-priority-for-relative-patch",
  description:
    "An EnvoyFilter whose patches use a relative operation (REMOVE, INSERT_BEFORE, INSERT_AFTER, REPLACE on a filter) " +
    "must set a non-zero `priority`, or the order it applies in is undefined (istioctl IST0151). Set " +
    "spec.priority, or use ADD/INSERT_FIRST.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["EnvoyFilter"],
  check: (envoyFilter) => {
    const priority = envoyFilter.spec.priority;
    if (typeof priority === "number" && priority !== 0) {
      return [];
    }
    return configPatches(envoyFilter.spec)
      .map(({ path, value }) => ({ path, applyTo: asString(value.applyTo) ?? "", operation: asString(asRecord(value.patch).operation) ?? "" }))
      .filter(({ applyTo, operation }) => isRelative(applyTo, operation))
      .map(({ path, operation }) => ({
        path: "spec.priority",
        found: priority,
        expected: `a non-zero priority (${path}.patch.operation is ${operation})`,
        fix: "Set spec.priority so this filter applies in a defined order.",
      }));
  },
});
