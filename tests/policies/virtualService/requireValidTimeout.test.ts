import fc from "fast-check";
import { requireValidTimeout } from "../../../policy-pack/policies/virtualService/requireValidTimeout";
import { durationWithin, invalidDuration } from "../../arbitraries/duration";
import { propertyRuns } from "../../arbitraries/runs";
import { virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidTimeout;
const label = "VirtualService shop/reviews";
const withTimeout = (timeout: unknown) => withField(virtualService(), "spec.http[0].timeout", timeout);

describe(policy.name, () => {
  it("passes a 10s timeout", () => expectCompliant(policy, [virtualService()]));
  it("passes a route without timeout", () => expectCompliant(policy, [withTimeout(undefined)]));
  it("passes exactly 300s", () => expectCompliant(policy, [withTimeout("300s")]));
  it("passes 5m written in minutes", () => expectCompliant(policy, [withTimeout("5m")]));

  it("fails 301s", async () =>
    expectViolations(await runPolicy(policy, [withTimeout("301s")]), [
      { resource: label, path: "spec.http[0].timeout", found: '"301s"', expected: "a duration between 1ms and 300s" },
    ]));
  it("fails 0s", async () =>
    expectViolations(await runPolicy(policy, [withTimeout("0s")]), [{ resource: label, path: "spec.http[0].timeout", found: '"0s"' }]));
  it("fails a number instead of a duration string", async () =>
    expectViolations(await runPolicy(policy, [withTimeout(10)]), [
      { resource: label, path: "spec.http[0].timeout", found: "10", expected: "a duration string" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withTimeout("10m")]);

  it("passes any timeout from 1ms to 300s", async () => {
    await fc.assert(
      fc.asyncProperty(durationWithin(1, 300_000), async (timeout) => {
        expect(await runPolicy(policy, [withTimeout(timeout)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any timeout above 300s or below 1ms", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(durationWithin(300_001, 3_600_000), invalidDuration()), async (timeout) => {
        expectViolations(await runPolicy(policy, [withTimeout(timeout)]), [
          { resource: label, path: "spec.http[0].timeout", found: JSON.stringify(timeout) },
        ]);
      }),
      propertyRuns,
    );
  });
});
