import { defineResourcePolicy } from "../../lib/definePolicy";
import { configPatches } from "../../lib/envoyFilter";
import { asRecord, asString } from "../../lib/values";

/** Operations whose effect depends on what other EnvoyFilters did before (istioctl IST0151). */
const relativeOperations = ["MERGE", "REMOVE", "INSERT_BEFORE", "INSERT_AFTER", "REPLACE"];

/** Deterministic ordering of EnvoyFilters that patch relative to other patches. */
export const requirePriorityForRelativePatch = defineResourcePolicy({
  name: "istio-envoyfilter-require-priority-for-relative-patch",
  description:
    "An EnvoyFilter whose patches use a relative operation (MERGE, REMOVE, INSERT_BEFORE, INSERT_AFTER, REPLACE) " +
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
      .map(({ path, value }) => ({ path, operation: asString(asRecord(value.patch).operation) ?? "" }))
      .filter(({ operation }) => relativeOperations.includes(operation))
      .map(({ path, operation }) => ({
        path: "spec.priority",
        found: priority,
        expected: `a non-zero priority (${path}.patch.operation is ${operation})`,
        fix: "Set spec.priority so this filter applies in a defined order.",
      }));
  },
});
