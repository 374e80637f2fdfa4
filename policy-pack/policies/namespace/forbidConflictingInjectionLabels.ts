import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";

export const injectionLabel = "istio-injection";
export const revisionLabel = "istio.io/rev";
const injectionValues = ["enabled", "disabled"];

/** Property 1 (labels): one unambiguous injection label (istioctl IST0123). */
export const forbidConflictingInjectionLabels = defineResourcePolicy({
  name: "istio-namespace-forbid-conflicting-injection-labels",
  description:
    `A Namespace carries at most one of \`${injectionLabel}\` and \`${revisionLabel}\`, and \`${injectionLabel}\` ` +
    "is `enabled` or `disabled` (seed property 1, istioctl IST0123). Keep one label with a valid value.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Namespace"],
  check: (namespace) => {
    const findings: Finding[] = [];
    const injection = namespace.labels[injectionLabel];
    const revision = namespace.labels[revisionLabel];
    if (injection !== undefined && revision !== undefined) {
      findings.push({
        path: "metadata.labels",
        found: { [injectionLabel]: injection, [revisionLabel]: revision },
        expected: `only one of ${injectionLabel} or ${revisionLabel}`,
        fix: `Remove ${injectionLabel} when injecting a revision, or remove ${revisionLabel}.`,
      });
    }
    if (injection !== undefined && !injectionValues.includes(injection)) {
      findings.push({
        path: `metadata.labels["${injectionLabel}"]`,
        found: injection,
        expected: injectionValues.join(" or "),
        fix: `Set ${injectionLabel} to enabled or disabled.`,
      });
    }
    return findings;
  },
});
