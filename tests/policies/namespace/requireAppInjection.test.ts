import fc from "fast-check";
import { requireAppInjection } from "../../../policy-pack/policies/namespace/requireAppInjection";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, namespace, peerAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireAppInjection;

describe(policy.name, () => {
  it("passes an app namespace with injection enabled", () => expectCompliant(policy, [istiodRelease(), namespace(), peerAuthentication()]));
  it("passes an app namespace injected by revision", () => expectCompliant(policy, [namespace("shop", { "istio.io/rev": "stable" }), peerAuthentication()]));
  it("passes the root namespace without injection", () => expectCompliant(policy, [istiodRelease(), namespace("istio-system", {}), peerAuthentication("istio-system")]));
  it("passes a namespace whose only PeerAuthentication selects workloads", () =>
    expectCompliant(policy, [namespace("tools", {}), withField(peerAuthentication("tools"), "spec.selector", { matchLabels: { app: "x" } })]));

  it("fails an app namespace with injection disabled", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), namespace("shop", { "istio-injection": "disabled" }), peerAuthentication()]), [
      { resource: "Namespace shop", path: 'metadata.labels["istio-injection"]', found: '"disabled"', expected: '"enabled" (or an istio.io/rev label)' },
    ]));
  it("uses meshConfig.rootNamespace when set", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.meshConfig.rootNamespace", "mesh-root"), namespace("istio-system", {}), peerAuthentication("istio-system")]), [
      { resource: "Namespace istio-system", path: 'metadata.labels["istio-injection"]', found: "(not set)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [namespace("shop", {}), peerAuthentication()]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated app namespace once injection is dropped", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.constantFrom(undefined, "disabled"), async ({ namespaces, resources }, value) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "Namespace", ns, "metadata.labels", value ? { "istio-injection": value } : {});
        expectViolations(await runPolicy(policy, broken), [{ resource: `Namespace ${ns}`, path: 'metadata.labels["istio-injection"]', found: value ? `"${value}"` : "(not set)" }]);
      }),
      propertyRuns,
    );
  });
});
