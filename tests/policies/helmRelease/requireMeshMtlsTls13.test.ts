import fc from "fast-check";
import { requireMeshMtlsTls13 } from "../../../policy-pack/policies/helmRelease/requireMeshMtlsTls13";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireMeshMtlsTls13;
const path = "values.meshConfig.meshMTLS.minProtocolVersion";
const withVersion = (version: unknown) => withField(istiodRelease(), path, version);

describe(policy.name, () => {
  it("passes TLSV1_3", () => expectCompliant(policy, [istiodRelease()]));
  it("passes a meshConfig without a minimum", () => expectCompliant(policy, [withField(istiodRelease(), "values.meshConfig.meshMTLS", undefined)]));

  it("fails TLSV1_2", async () =>
    expectViolations(await runPolicy(policy, [withVersion("TLSV1_2")]), [
      { resource: "Helm release istio-system/istiod", path, found: '"TLSV1_2"', expected: "TLSV1_3" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withVersion("TLS_AUTO")]);

  it("passes TLSV1_3 or no minimum, whatever else meshConfig holds", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("TLSV1_3", undefined), fc.constantFrom("JSON", "TEXT"), async (version, encoding) => {
        const release = withField(withVersion(version), "values.meshConfig.accessLogEncoding", encoding);
        expect(await runPolicy(policy, [release])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any other minimum", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("TLSV1_0", "TLSV1_1", "TLSV1_2", "TLS_AUTO", "tlsv1_3"), async (version) => {
        expectViolations(await runPolicy(policy, [withVersion(version)]), [{ resource: "Helm release istio-system/istiod", path, found: JSON.stringify(version) }]);
      }),
      propertyRuns,
    );
  });
});
