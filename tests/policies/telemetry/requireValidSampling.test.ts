import fc from "fast-check";
import { requireValidSampling } from "../../../policy-pack/policies/telemetry/requireValidSampling";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidSampling;
const label = "Telemetry istio-system/mesh-default";
const withSampling = (value: unknown) => withField(telemetry(), "spec.tracing[0].randomSamplingPercentage", value);
const outOfRange = fc.oneof(fc.double({ max: -0.001, noNaN: true, noDefaultInfinity: true }), fc.double({ min: 100.001, noNaN: true, noDefaultInfinity: true }));

describe(policy.name, () => {
  it("passes 1%", () => expectCompliant(policy, [telemetry()]));
  it("passes 0% and 100%", () => expectCompliant(policy, [withSampling(0), withSampling(100)]));
  it("passes tracing without sampling", () => expectCompliant(policy, [withSampling(undefined)]));
  it("passes istiod without meshConfig sampling", () => expectCompliant(policy, [istiodRelease()]));

  it("fails 150%", async () =>
    expectViolations(await runPolicy(policy, [withSampling(150)]), [
      { resource: label, path: "spec.tracing[0].randomSamplingPercentage", found: "150", expected: "a number from 0 to 100" },
    ]));
  it("fails a percentage written as a string", async () =>
    expectViolations(await runPolicy(policy, [withSampling("10")]), [{ resource: label, path: "spec.tracing[0].randomSamplingPercentage", found: '"10"' }]));
  it("fails istiod meshConfig sampling above 100", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.meshConfig.defaultConfig.tracing.sampling", 200)]), [
      { resource: "Helm release istio-system/istiod", path: "values.meshConfig.defaultConfig.tracing.sampling", found: "200" },
    ]));
  it("fails istiod traceSampling below 0", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.traceSampling", -1)]), [
      { resource: "Helm release istio-system/istiod", path: "values.traceSampling", found: "-1" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withSampling(101)]);

  it("passes any percentage within 0–100, in Telemetry and meshConfig", async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 100, noNaN: true }), async (percent) => {
        expect(await runPolicy(policy, [withSampling(percent), withField(istiodRelease(), "values.meshConfig.defaultConfig.tracing.sampling", percent)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any percentage outside 0–100", async () => {
    await fc.assert(
      fc.asyncProperty(outOfRange, async (percent) => {
        expectViolations(await runPolicy(policy, [withSampling(percent)]), [{ resource: label, path: "spec.tracing[0].randomSamplingPercentage", found: JSON.stringify(percent) }]);
      }),
      propertyRuns,
    );
  });
});
