import fc from "fast-check";
import { requireValidRetries } from "../../../policy-pack/policies/virtualService/requireValidRetries";
import { durationWithin, invalidDuration } from "../../arbitraries/duration";
import { propertyRuns } from "../../arbitraries/runs";
import { virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidRetries;
const label = "VirtualService shop/reviews";

describe(policy.name, () => {
  it("passes 3 attempts with a 2s per-try timeout", () => expectCompliant(policy, [virtualService()]));
  it("passes a route without retries", () => expectCompliant(policy, [withField(virtualService(), "spec.http[0].retries", undefined)]));

  it("fails 0 attempts", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].retries.attempts", 0)]), [
      { resource: label, path: "spec.http[0].retries.attempts", found: "0", expected: "an integer from 1 to 10" },
    ]));
  it("fails 11 attempts", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].retries.attempts", 11)]), [
      { resource: label, path: "spec.http[0].retries.attempts", found: "11" },
    ]));
  it("fails a missing perTryTimeout", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].retries.perTryTimeout", undefined)]), [
      { resource: label, path: "spec.http[0].retries.perTryTimeout", found: "(not set)", expected: "a duration string" },
    ]));
  it("fails a perTryTimeout below 1ms", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].retries.perTryTimeout", "500us")]), [
      { resource: label, path: "spec.http[0].retries.perTryTimeout", found: '"500us"', expected: "a duration of at least 1ms" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.http[0].retries.attempts", 0)]);

  it("passes any attempts in 1–10 with any per-try timeout of at least 1ms", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), durationWithin(1, 60_000), async (attempts, perTryTimeout) => {
        const resource = withField(virtualService(), "spec.http[0].retries", { attempts, perTryTimeout });
        expect(await runPolicy(policy, [resource])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any attempts outside 1–10 and any invalid per-try timeout", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 11 })), invalidDuration(), async (attempts, perTryTimeout) => {
        const resource = withField(virtualService(), "spec.http[0].retries", { attempts, perTryTimeout });
        expectViolations(await runPolicy(policy, [resource]), [
          { resource: label, path: "spec.http[0].retries.attempts", found: String(attempts) },
          { resource: label, path: "spec.http[0].retries.perTryTimeout", found: JSON.stringify(perTryTimeout) },
        ]);
      }),
      propertyRuns,
    );
  });
});
