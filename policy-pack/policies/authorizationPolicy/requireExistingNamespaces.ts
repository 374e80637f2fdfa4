import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { isGatewayRelease } from "../../lib/helmReleases";
import { asArray, asRecord, asStringArray } from "../../lib/values";

/** Namespaces every cluster has. */
const builtInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** `*`, `prefix*` and `*suffix` as Istio matches namespaces (case-insensitive for exact names, as istioctl). */
function namespaceMatches(pattern: string, namespace: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*")) return namespace.endsWith(pattern.slice(1));
  if (pattern.endsWith("*")) return namespace.startsWith(pattern.slice(0, -1));
  return pattern.toLowerCase() === namespace.toLowerCase();
}

/** Source namespaces of an AuthorizationPolicy exist (istioctl IST0101). */
export const requireExistingNamespaces = defineStackPolicy({
  name: "istio-authorizationpolicy-require-existing-namespaces",
  description:
    "Every `source.namespaces` and `source.notNamespaces` entry of an AuthorizationPolicy must match a namespace the " +
    "stack declares (or a built-in one); a misspelt namespace silently allows or denies nothing (istioctl IST0101). " +
    "Fix the namespace name.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["AuthorizationPolicy", "Namespace", "HelmRelease"],
  check: (inventory) => {
    const namespaces = [
      ...builtInNamespaces,
      ...inventory.of("Namespace").map((namespace) => namespace.name),
      ...inventory.of("HelmRelease").filter((release) => isGatewayRelease(release) || release.props.createNamespace === true).map((release) => release.namespace),
    ];
    const findings: StackFinding[] = [];
    for (const policy of inventory.of("AuthorizationPolicy")) {
      asArray(policy.spec.rules).forEach((rule, i) =>
        asArray(asRecord(rule).from).forEach((from, j) => {
          const source = asRecord(asRecord(from).source);
          for (const field of ["namespaces", "notNamespaces"]) {
            asStringArray(source[field]).forEach((pattern, k) => {
              if (!namespaces.some((namespace) => namespaceMatches(pattern, namespace))) {
                findings.push({ resource: policy, path: `spec.rules[${i}].from[${j}].source.${field}[${k}]`, found: pattern, expected: "a namespace of the stack", fix: "Fix the namespace name, or declare the namespace." });
              }
            });
          }
        }),
      );
    }
    return findings;
  },
});
