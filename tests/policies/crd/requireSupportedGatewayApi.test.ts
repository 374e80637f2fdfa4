import fc from "fast-check";
import { requireSupportedGatewayApi } from "../../../policy-pack/policies/crd/requireSupportedGatewayApi";
import { propertyRuns } from "../../arbitraries/runs";
import { gatewayApiCrd } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSupportedGatewayApi;
const label = "CustomResourceDefinition httproutes.gateway.networking.k8s.io";
const bundle = 'metadata.annotations["gateway.networking.k8s.io/bundle-version"]';

describe(policy.name, () => {
  it("passes the v1.5.1 standard channel", () => expectCompliant(policy, [gatewayApiCrd()]));
  it("passes a later release", () => expectCompliant(policy, [gatewayApiCrd("httproutes", "v1.6.0")]));
  it("passes a CRD of another group", () =>
    expectCompliant(policy, [withField(withField(gatewayApiCrd(), "spec.group", "argoproj.io"), "metadata.annotations", {})]));

  it("fails v1.4.1, older than Istio 1.30 supports for this stack", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiCrd("httproutes", "v1.4.1")]), [{ resource: label, path: bundle, found: '"v1.4.1"', expected: "a bundle version of at least v1.5.0" }]));
  it("fails TLSRoute below Istio's own minimum even when the stack allows older bundles (IST0176)", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiCrd("tlsroutes", "v1.4.0")], { properties: { minimumBundleVersion: "v1.0.0" } }), [
      { resource: "CustomResourceDefinition tlsroutes.gateway.networking.k8s.io", path: bundle, expected: "a bundle version of at least v1.5.0" },
    ]));
  it("fails a CRD without the bundle annotation", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiCrd(), "metadata.annotations", { "gateway.networking.k8s.io/channel": "standard" })]), [{ resource: label, path: bundle, found: "(not set)" }]));
  it("fails the experimental channel", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiCrd("httproutes", "v1.5.1", "experimental")]), [
      { resource: label, path: 'metadata.annotations["gateway.networking.k8s.io/channel"]', found: '"experimental"', expected: "standard" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayApiCrd("httproutes", "v0.8.0")]);

  it("passes any release from v1.5.0 on, prereleases included", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), async (major, minor, patch, rc) => {
        const version = `v${major}.${major === 1 ? minor + 5 : minor}.${patch}${rc ? "-rc.1" : ""}`;
        expect(await runPolicy(policy, [gatewayApiCrd("grpcroutes", version)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any release before v1.5.0", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 9 }), async (minor, patch) => {
        expectViolations(await runPolicy(policy, [gatewayApiCrd("gateways", `v1.${minor}.${patch}`)]), [{ resource: "CustomResourceDefinition gateways.gateway.networking.k8s.io", path: bundle, found: `"v1.${minor}.${patch}"` }]);
      }),
      propertyRuns,
    );
  });
});
