import fc from "fast-check";
import { requirePinnedVersion } from "../../../policy-pack/policies/helmRelease/requirePinnedVersion";
import { exactVersion } from "../../arbitraries/exactVersion";
import { floatingVersion } from "../../arbitraries/floatingVersion";
import { propertyRuns } from "../../arbitraries/runs";
import { certManager, gatewayRelease, istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requirePinnedVersion;

describe(policy.name, () => {
  it("passes istiod and a gateway pinned to 1.30.4", () => expectCompliant(policy, [istiodRelease(), gatewayRelease()]));
  it("passes cert-manager pinned to v1.21.1", () => expectCompliant(policy, [certManager()]));
  it("passes a pre-release version", () => expectCompliant(policy, [withField(istiodRelease(), "version", "1.31.0-beta.1")]));

  it("fails a release without version", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "version", undefined)]), [
      { resource: "Helm release istio-system/istiod", path: "version", found: "(not set)", expected: "an exact version such as 1.30.4" },
    ]));
  it("fails a caret range", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayRelease(), "version", "^1.30.0")]), [{ resource: "Helm release istio-ingress/istio-ingressgateway", path: "version", found: '"^1.30.0"' }]));
  it("fails cert-manager without helmOptions.version", async () =>
    expectViolations(await runPolicy(policy, [withField(certManager(), "helmOptions.version", undefined)]), [{ resource: "CertManager cert-manager", path: "helmOptions.version", found: "(not set)" }]));

  itReportsAtConfiguredLevels(policy, () => [withField(istiodRelease(), "version", "latest")]);

  it("passes any exact version on releases and the cert-manager component", async () => {
    await fc.assert(
      fc.asyncProperty(exactVersion(), async (version) => {
        expect(await runPolicy(policy, [withField(istiodRelease(), "version", version), withField(certManager(), "helmOptions.version", version)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any range, wildcard or tag", async () => {
    await fc.assert(
      fc.asyncProperty(floatingVersion(), async (version) => {
        expectViolations(await runPolicy(policy, [withField(istiodRelease(), "version", version)]), [{ resource: "Helm release istio-system/istiod", path: "version", found: JSON.stringify(version) }]);
      }),
      propertyRuns,
    );
  });
});
