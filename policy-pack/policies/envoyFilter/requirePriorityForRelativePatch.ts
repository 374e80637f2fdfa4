import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { configPatches } from "../../lib/envoyFilter";
import { asRecord, asString, isRecord } from "../../lib/values";

/**
 * Operations whose effect depends on what other EnvoyFilters did before, as istioctl IST0151 counts them: MERGE is
 * not one; REMOVE on a route configuration or route and REPLACE outside filters and virtual hosts are ignored
 * patches (IST0152-4).
 */
function isRelative(applyTo: string, operation: string): boolean {
  switch (operation) {
    case "INSERT_BEFORE":
    case "INSERT_AFTER":
      return true;
    case "REMOVE":
      return applyTo !== "ROUTE_CONFIGURATION" && applyTo !== "HTTP_ROUTE";
    case "REPLACE":
      return applyTo === "HTTP_FILTER" || applyTo === "NETWORK_FILTER" || applyTo === "VIRTUAL_HOST";
    default:
      return false;
  }
}

/** The filter a patch adds or targets: its value's `name`, else the filter its listener match names. */
function patchedFilterName(patch: Record<string, unknown>): string {
  const value = asRecord(patch.patch).value;
  if (!isRecord(value)) return "";
  const name = asString(value.name);
  if (name !== undefined) return name;
  return asString(asRecord(asRecord(asRecord(asRecord(patch.match).listener).filterChain).filter).name) ?? "";
}

/**
 * Deterministic ordering of EnvoyFilters that patch relative to other patches. A relative patch of a filter that an
 * earlier patch pinned to a proxy version (istioctl visits EnvoyFilters by namespace and name) breaks on upgrade
 * (IST0155).
 */
export const requirePriorityForRelativePatch = defineStackPolicy({
  name: "istio-envoyfilter-require-priority-for-relative-patch",
  description:
    "An EnvoyFilter whose patches use a relative operation (REMOVE, INSERT_BEFORE, INSERT_AFTER, REPLACE on a filter " +
    "or virtual host) must set a non-zero `priority`, or the order it applies in is undefined (istioctl IST0151; " +
    "IST0155 where the filter was pinned to a proxy version by an earlier patch). Set spec.priority, or use ADD/INSERT_FIRST.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["EnvoyFilter"],
  check: (inventory) => {
    const findings: StackFinding[] = [];
    const versionPinned = new Set<string>();
    const ordered = [...inventory.of("EnvoyFilter")].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
    for (const envoyFilter of ordered) {
      const priority = envoyFilter.spec.priority;
      for (const { path, value } of configPatches(envoyFilter.spec)) {
        if (!isRecord(value.patch)) break;
        const name = patchedFilterName(value);
        const applyTo = asString(value.applyTo) ?? "";
        const operation = asString(asRecord(value.patch).operation) ?? "";
        if (isRelative(applyTo, operation) && !(typeof priority === "number" && priority !== 0)) {
          const pinned = versionPinned.has(name);
          findings.push({
            resource: envoyFilter,
            path: "spec.priority",
            found: priority,
            expected: `a non-zero priority (${path}.patch.operation is ${operation}${pinned ? `, on ${name || "a filter"} that a patch pinned to a proxy version` : ""})`,
            fix: "Set spec.priority so this filter applies in a defined order.",
            istioctlCode: pinned ? "IST0155" : "IST0151",
          });
        }
        if (asString(asRecord(asRecord(value.match).proxy).proxyVersion)) versionPinned.add(name);
      }
    }
    return findings;
  },
});
