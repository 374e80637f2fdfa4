import { matchFields } from "../../lib/authorizationPolicy";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { asArray } from "../../lib/values";

const segment = "[^/*]+";
const exactPrincipal = new RegExp(`^${segment}/ns/${segment}/sa/${segment}$`);
/** `*` may replace the start (`*\/ns/shop/sa/web`) or the end (`cluster.local/ns/shop/*`) of a principal. */
const suffixOfPrincipal = new RegExp(`^[^/*]*/ns/${segment}/sa/${segment}$|^[^/*]*/sa/${segment}$`);
const prefixOfPrincipal = new RegExp(`^${segment}/ns/(?:${segment}/(?:sa/[^/*]*)?)?$`);

export function isValidPrincipal(principal: string): boolean {
  if (principal === "*") {
    return true;
  }
  if (principal.startsWith("*")) {
    return suffixOfPrincipal.test(principal.slice(1));
  }
  if (principal.endsWith("*")) {
    return prefixOfPrincipal.test(principal.slice(0, -1));
  }
  return exactPrincipal.test(principal);
}

/** Property 15: principals are SPIFFE identities `<trust-domain>/ns/<namespace>/sa/<serviceaccount>`. */
export const requirePrincipalFormat = defineResourcePolicy({
  name: "istio-authorizationpolicy-require-principal-format",
  description:
    "Each AuthorizationPolicy source principal must have the form `<trust-domain>/ns/<namespace>/sa/<service-" +
    "account>` (a leading or trailing `*` allowed) (property 15). Write principals as " +
    "cluster.local/ns/<namespace>/sa/<serviceaccount>.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["AuthorizationPolicy"],
  check: (authorizationPolicy) => {
    const findings: Finding[] = [];
    for (const { path, field, value } of matchFields(authorizationPolicy.spec)) {
      if (field !== "principals" && field !== "notPrincipals") {
        continue;
      }
      asArray(value).forEach((principal, i) => {
        if (typeof principal !== "string" || !isValidPrincipal(principal)) {
          findings.push({
            path: `${path}[${i}]`,
            found: principal,
            expected: "<trust-domain>/ns/<namespace>/sa/<serviceaccount>",
            fix: "Use the workload's SPIFFE identity, e.g. cluster.local/ns/shop/sa/web.",
          });
        }
      });
    }
    return findings;
  },
});
