import fc from "fast-check";
import { requireExistingNamespaces } from "../../../policy-pack/policies/authorizationPolicy/requireExistingNamespaces";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy, namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireExistingNamespaces;
const from = (source: Record<string, unknown>) => withField(authorizationPolicy(), "spec.rules", [{ from: [{ source }] }]);

describe(policy.name, () => {
  it("passes a declared namespace", () => expectCompliant(policy, [namespace("frontend"), from({ namespaces: ["frontend"] })]));
  it("passes prefix and suffix wildcards that match a namespace", () => expectCompliant(policy, [namespace("team-a"), from({ namespaces: ["team-*"], notNamespaces: ["*-a"] })]));
  it("passes kube-system, which every cluster has", () => expectCompliant(policy, [from({ notNamespaces: ["kube-system"] })]));
  it("fails a namespace the stack does not declare", async () =>
    expectViolations(await runPolicy(policy, [namespace("frontend"), from({ namespaces: ["fronted"] })]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.rules[0].from[0].source.namespaces[0]", found: '"fronted"', expected: "a namespace of the stack" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [from({ namespaces: ["missing"] })]);

  it("passes any declared namespace, exactly or by prefix", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.boolean(), async (name, prefix) => {
        expect(await runPolicy(policy, [namespace(name), from({ namespaces: [prefix ? `${name.slice(0, 1)}*` : name] })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any namespace nothing declares", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (name) => {
        expectViolations(await runPolicy(policy, [namespace("shop"), from({ notNamespaces: [`missing-${name}`] })]), [{ resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.rules[0].from[0].source.notNamespaces[0]" }]);
      }),
      propertyRuns,
    );
  });
});
