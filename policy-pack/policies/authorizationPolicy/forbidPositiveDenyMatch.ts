import { actionOf, matchFields } from "../../lib/authorizationPolicy";
import { defineResourcePolicy } from "../../lib/definePolicy";

/** Request attributes whose spelling a client controls (case, encoding, trailing dots and slashes). */
const normalisationSensitiveFields = ["paths", "hosts", "methods"];

/** Istio's safer pattern: DENY with negative matching, so an unexpected spelling is denied, not let through. */
export const forbidPositiveDenyMatch = defineResourcePolicy({
  name: "istio-authorizationpolicy-forbid-positive-deny-match",
  description:
    "A DENY AuthorizationPolicy should match request attributes negatively (`notPaths`, `notHosts`, " +
    "`notMethods`): a positive `paths`/`hosts`/`methods` list can be bypassed by a differently spelled request " +
    "(Istio security best practices). Deny everything that is not on an explicit list instead.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["AuthorizationPolicy"],
  check: (authorizationPolicy) => {
    if (actionOf(authorizationPolicy.spec) !== "DENY") {
      return [];
    }
    return matchFields(authorizationPolicy.spec)
      .filter(({ path, field }) => path.includes(".operation.") && normalisationSensitiveFields.includes(field))
      .map(({ path, field, value }) => ({
        path,
        found: value,
        expected: `not${field[0].toUpperCase()}${field.slice(1)} instead of ${field} in a DENY policy`,
        fix: "Turn the rule around: deny requests that are not on the list of allowed values.",
      }));
  },
});
