import fc from "fast-check";
import { requireSelectedWorkload } from "../../../policy-pack/policies/authorizationPolicy/requireSelectedWorkload";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy, deployment, namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSelectedWorkload;

describe(policy.name, () => {
  it("passes a policy selecting a mesh Deployment", () => expectCompliant(policy, [namespace(), deployment(), authorizationPolicy()]));
  it("passes a namespace-wide policy in a namespace with mesh pods", () => expectCompliant(policy, [namespace(), deployment(), withField(authorizationPolicy(), "spec.selector", undefined)]));
  it("passes a stack that deploys no workloads of its own", () => expectCompliant(policy, [namespace(), authorizationPolicy()]));
  it("fails a selector only pods outside the mesh carry", async () =>
    expectViolations(await runPolicy(policy, [namespace("shop", { "istio-injection": "disabled" }), deployment(), authorizationPolicy()]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector.matchLabels", expected: "labels of mesh workloads in namespace shop (none matches app=reviews)" },
    ]));
  it("fails a namespace-wide policy in a namespace without pods", async () =>
    expectViolations(await runPolicy(policy, [namespace(), deployment("other"), withField(authorizationPolicy(), "spec.selector", undefined)]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector", expected: "mesh workloads in namespace shop for this namespace-wide policy (there are none)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [namespace(), deployment(), withField(authorizationPolicy(), "spec.selector.matchLabels", { app: "ratings" })]);

  it("passes a selector on any label of a mesh Deployment", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), kubernetesName(), async (key, value) => {
        expect(await runPolicy(policy, [namespace(), deployment("shop", "app", { [key]: value }), withField(authorizationPolicy(), "spec.selector.matchLabels", { [key]: value })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails a selector no mesh pod of the namespace carries", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (value) => {
        expectViolations(await runPolicy(policy, [namespace(), deployment(), withField(authorizationPolicy(), "spec.selector.matchLabels", { app: `x-${value}` })]), [
          { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector.matchLabels" },
        ]);
      }),
      propertyRuns,
    );
  });
});
