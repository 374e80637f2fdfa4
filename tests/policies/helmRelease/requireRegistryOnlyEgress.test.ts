import fc from "fast-check";
import { requireRegistryOnlyEgress } from "../../../policy-pack/policies/helmRelease/requireRegistryOnlyEgress";
import { propertyRuns } from "../../arbitraries/runs";
import { gatewayRelease, istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireRegistryOnlyEgress;
const withMode = (mode: unknown) => withField(istiodRelease(), "values.meshConfig.outboundTrafficPolicy", mode === undefined ? undefined : { mode });

describe(policy.name, () => {
  it("passes REGISTRY_ONLY", () => expectCompliant(policy, [istiodRelease()]));
  it("passes ALLOW_ANY where the stack doesn't require registry-only egress", () =>
    expectCompliant(policy, [withMode("ALLOW_ANY")], { properties: { requireRegistryOnly: false } }));
  it("ignores gateway releases", () => expectCompliant(policy, [gatewayRelease()]));

  it("fails ALLOW_ANY", async () =>
    expectViolations(await runPolicy(policy, [withMode("ALLOW_ANY")]), [
      { resource: "Helm release istio-system/istiod", path: "values.meshConfig.outboundTrafficPolicy.mode", found: '"ALLOW_ANY"', expected: "REGISTRY_ONLY" },
    ]));
  it("fails an unset mode (Istio defaults to ALLOW_ANY)", async () =>
    expectViolations(await runPolicy(policy, [withMode(undefined)]), [{ resource: "Helm release istio-system/istiod", path: "values.meshConfig.outboundTrafficPolicy.mode", found: "(not set)" }]));

  itReportsAtConfiguredLevels(policy, () => [withMode("ALLOW_ANY")]);

  it("passes any mode when registry-only egress isn't required", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("ALLOW_ANY", "REGISTRY_ONLY", undefined), async (mode) => {
        expect(await runPolicy(policy, [withMode(mode)], { properties: { requireRegistryOnly: false } })).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any mode other than REGISTRY_ONLY when it is required", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant("ALLOW_ANY"), fc.stringMatching(/^[A-Z_]{1,12}$/).filter((mode) => mode !== "REGISTRY_ONLY")), async (mode) => {
        expectViolations(await runPolicy(policy, [withMode(mode)]), [{ resource: "Helm release istio-system/istiod", path: "values.meshConfig.outboundTrafficPolicy.mode", found: JSON.stringify(mode) }]);
      }),
      propertyRuns,
    );
  });
});
