import fc from "fast-check";
import { requireValidOutlierDetection } from "../../../policy-pack/policies/destinationRule/requireValidOutlierDetection";
import { durationWithin, invalidDuration } from "../../arbitraries/duration";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidOutlierDetection;
const label = "DestinationRule shop/reviews";
const path = "spec.trafficPolicy.outlierDetection";
const withOutlier = (field: string, value: unknown) => withField(destinationRule(), `${path}.${field}`, value);

describe(policy.name, () => {
  it("passes 5 errors, 30s interval and ejection, 50%", () => expectCompliant(policy, [destinationRule()]));
  it("passes a rule without outlierDetection", () => expectCompliant(policy, [withField(destinationRule(), path, undefined)]));
  it("passes maxEjectionPercent 100", () => expectCompliant(policy, [withOutlier("maxEjectionPercent", 100)]));

  it("fails consecutive5xxErrors 0", async () =>
    expectViolations(await runPolicy(policy, [withOutlier("consecutive5xxErrors", 0)]), [
      { resource: label, path: `${path}.consecutive5xxErrors`, found: "0", expected: "an integer greater than 0" },
    ]));
  it("fails an interval of 0s", async () =>
    expectViolations(await runPolicy(policy, [withOutlier("interval", "0s")]), [
      { resource: label, path: `${path}.interval`, found: '"0s"', expected: "a duration of at least 1ms" },
    ]));
  it("fails maxEjectionPercent 101", async () =>
    expectViolations(await runPolicy(policy, [withOutlier("maxEjectionPercent", 101)]), [
      { resource: label, path: `${path}.maxEjectionPercent`, found: "101", expected: "a number from 0 to 100" },
    ]));
  it("fails a subset's port-level baseEjectionTime", async () => {
    const subsetPolicy = { portLevelSettings: [{ port: { number: 8080 }, outlierDetection: { baseEjectionTime: "soon" } }] };
    expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.subsets[1].trafficPolicy", subsetPolicy)]), [
      { resource: label, path: "spec.subsets[1].trafficPolicy.portLevelSettings[0].outlierDetection.baseEjectionTime", found: '"soon"' },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [withOutlier("consecutiveGatewayErrors", -1)]);

  it("passes any positive counts, durations of at least 1ms and percent within 0–100", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), durationWithin(1, 600_000), durationWithin(1, 600_000), fc.integer({ min: 0, max: 100 }), async (errors, interval, ejection, percent) => {
        const outlier = { consecutive5xxErrors: errors, consecutiveGatewayErrors: errors, interval, baseEjectionTime: ejection, maxEjectionPercent: percent };
        expect(await runPolicy(policy, [withField(destinationRule(), path, outlier)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any non-positive count, invalid interval or out-of-range percent, naming each field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -100, max: 0 }), invalidDuration(), fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 101 })), async (errors, interval, percent) => {
        const outlier = { consecutive5xxErrors: errors, interval, maxEjectionPercent: percent };
        expectViolations(await runPolicy(policy, [withField(destinationRule(), path, outlier)]), [
          { resource: label, path: `${path}.consecutive5xxErrors`, found: String(errors) },
          { resource: label, path: `${path}.interval`, found: JSON.stringify(interval) },
          { resource: label, path: `${path}.maxEjectionPercent`, found: String(percent) },
        ]);
      }),
      propertyRuns,
    );
  });
});
