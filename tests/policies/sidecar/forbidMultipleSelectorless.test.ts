import fc from "fast-check";
import { forbidMultipleSelectorless } from "../../../policy-pack/policies/sidecar/forbidMultipleSelectorless";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { namespace, sidecar } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidMultipleSelectorless;

describe(policy.name, () => {
  it("passes one namespace-wide Sidecar per namespace", () => expectCompliant(policy, [sidecar(), sidecar("billing")]));
  it("passes a second Sidecar that selects workloads", () =>
    expectCompliant(policy, [sidecar(), withField(sidecar("shop", "reviews"), "spec.workloadSelector", { labels: { app: "reviews" } })]));

  it("fails each of two namespace-wide Sidecars", async () =>
    expectViolations(await runPolicy(policy, [sidecar(), sidecar("shop", "extra")]), [
      { resource: "Sidecar shop/default", path: "spec.workloadSelector", found: "(not set)", expected: "a workload selector (Sidecar shop/extra also claims to be the namespace-wide Sidecar)" },
      { resource: "Sidecar shop/extra", path: "spec.workloadSelector", found: "(not set)", expected: "a workload selector (Sidecar shop/default also claims to be the namespace-wide Sidecar)" },
    ]));
  it("fails a namespace-wide Sidecar in an ambient namespace (IST0167)", async () =>
    expectViolations(await runPolicy(policy, [namespace("shop", { "istio.io/dataplane-mode": "ambient" }), sidecar()]), [
      { resource: "Sidecar shop/default", path: "spec.workloadSelector", expected: "no namespace-wide Sidecar in shop, which runs in ambient mode (istio.io/dataplane-mode: ambient)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [sidecar(), sidecar("shop", "extra")]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails every extra selectorless Sidecar in a generated mesh's namespace", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.uniqueArray(kubernetesName().map((name) => `extra-${name}`), { minLength: 1, maxLength: 3 }), async ({ namespaces, resources }, extras) => {
        const ns = namespaces[0];
        expectViolations(
          await runPolicy(policy, [...resources, ...extras.map((name) => sidecar(ns, name))]),
          ["default", ...extras].map((name) => ({ resource: `Sidecar ${ns}/${name}`, path: "spec.workloadSelector", expected: "a workload selector (" })),
        );
      }),
      propertyRuns,
    );
  });
});
