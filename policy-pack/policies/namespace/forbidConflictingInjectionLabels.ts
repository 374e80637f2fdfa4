import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";

export const injectionLabel = "istio-injection";
export const revisionLabel = "istio.io/rev";
export const dataplaneModeLabel = "istio.io/dataplane-mode";
const injectionValues = ["enabled", "disabled"];

/**
 * The injection labels istioctl counts: `istio-injection`, and `istio.io/rev` and `istio.io/dataplane-mode` unless
 * `istio-injection` is set to something other than `enabled` (which then wins).
 */
function effectiveLabels(labels: Record<string, string>): string[] {
  const injection = labels[injectionLabel];
  const counted = injection !== undefined ? [`${injectionLabel}=${injection}`] : [];
  for (const label of [revisionLabel, dataplaneModeLabel]) {
    if (labels[label] !== undefined && (injection === undefined || injection === "enabled")) counted.push(`${label}=${labels[label]}`);
  }
  return counted;
}

/** Property 1 (labels): one unambiguous injection label (istioctl IST0123). */
export const forbidConflictingInjectionLabels = defineResourcePolicy({
  name: "istio-namespace-forbid-conflicting-injection-labels",
  description:
    `A Namespace carries at most one of \`${injectionLabel}\`, \`${revisionLabel}\` and \`${dataplaneModeLabel}\` ` +
    `(istioctl IST0123; \`${injectionLabel}: disabled\` next to \`${revisionLabel}\` is refused too, though istioctl ` +
    `lets it pass), and \`${injectionLabel}\` is \`enabled\` or \`disabled\` (property 1). Keep one label with a valid value.`,
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Namespace"],
  check: (namespace) => {
    const findings: Finding[] = [];
    const injection = namespace.labels[injectionLabel];
    const revision = namespace.labels[revisionLabel];
    const counted = effectiveLabels(namespace.labels);
    if (counted.length > 1) {
      findings.push({
        path: "metadata.labels",
        found: counted,
        expected: `only one of ${injectionLabel}, ${revisionLabel} or ${dataplaneModeLabel}`,
        fix: `Remove ${injectionLabel} when injecting a revision, or remove ${revisionLabel}; ambient namespaces carry only ${dataplaneModeLabel}.`,
      });
    } else if (injection !== undefined && revision !== undefined) {
      findings.push({
        path: "metadata.labels",
        found: { [injectionLabel]: injection, [revisionLabel]: revision },
        expected: `only one of ${injectionLabel} or ${revisionLabel}`,
        fix: `Remove ${injectionLabel} when injecting a revision, or remove ${revisionLabel}.`,
        istioctlCode: "stricter",
      });
    }
    if (injection !== undefined && !injectionValues.includes(injection)) {
      findings.push({
        path: `metadata.labels["${injectionLabel}"]`,
        found: injection,
        expected: injectionValues.join(" or "),
        fix: `Set ${injectionLabel} to enabled or disabled.`,
        istioctlCode: "stricter",
      });
    }
    return findings;
  },
});
