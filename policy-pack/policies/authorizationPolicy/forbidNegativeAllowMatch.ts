import { actionOf, isNegativeField, matchFields } from "../../lib/authorizationPolicy";
import { defineResourcePolicy } from "../../lib/definePolicy";

/** Istio's safer pattern: ALLOW with positive matching, so a typo denies instead of allowing. */
export const forbidNegativeAllowMatch = defineResourcePolicy({
  name: "istio-authorizationpolicy-forbid-negative-allow-match",
  description:
    "An ALLOW AuthorizationPolicy must match positively: no `notPrincipals`, `notNamespaces`, `notIpBlocks`, " +
    "`notPaths`, `notMethods`, `notHosts`, `notPorts` or `notValues` (Istio security best practices). Rewrite the " +
    "rule to list what is allowed.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["AuthorizationPolicy"],
  check: (authorizationPolicy) => {
    if (actionOf(authorizationPolicy.spec) !== "ALLOW") {
      return [];
    }
    return matchFields(authorizationPolicy.spec)
      .filter(({ field }) => isNegativeField(field))
      .map(({ path, field, value }) => ({
        path,
        found: value,
        expected: `no ${field} in an ALLOW policy`,
        fix: `Replace ${field} with the positive list of what is allowed.`,
      }));
  },
});
