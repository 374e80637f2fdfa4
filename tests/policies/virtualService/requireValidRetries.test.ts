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

  it("fails 3 retries of 10s within a 30s timeout: the first try leaves the last one no time", async () => {
    const resource = withField(withField(virtualService(), "spec.http[0].timeout", "30s"), "spec.http[0].retries", { attempts: 3, perTryTimeout: "10s" });
    expectViolations(await runPolicy(policy, [resource]), [
      { resource: label, path: "spec.http[0].retries", found: '"perTryTimeout 10s × 4 tries = 40s"', expected: "at most the route timeout 30s (the first try counts)" },
    ]);
  });
  it("passes 2 retries of 10s within 30s, the first try included", () =>
    expectCompliant(policy, [withField(withField(virtualService(), "spec.http[0].timeout", "30s"), "spec.http[0].retries", { attempts: 2, perTryTimeout: "10s" })]));
  it("passes any retries on a route without a timeout (Istio sets none)", () =>
    expectCompliant(policy, [withField(withField(virtualService(), "spec.http[0].timeout", undefined), "spec.http[0].retries", { attempts: 10, perTryTimeout: "60s" })]));

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.http[0].retries.attempts", 0)]);

  it("passes any attempts in 1–10 with any per-try timeout of at least 1ms whose tries fit in the route's 10s", async () => {
    const retries = fc.integer({ min: 1, max: 10 }).chain((attempts) => durationWithin(1, Math.floor(10_000 / (attempts + 1))).map((perTryTimeout) => ({ attempts, perTryTimeout })));
    await fc.assert(
      fc.asyncProperty(retries, async (generated) => {
        const resource = withField(virtualService(), "spec.http[0].retries", generated);
        expect(await runPolicy(policy, [resource])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any per-try timeout whose tries, the first included, exceed the route's timeout", async () => {
    const overBudget = fc.integer({ min: 1, max: 10 }).chain((attempts) =>
      fc.integer({ min: Math.floor(10_000 / (attempts + 1)) + 1, max: 300_000 }).map((ms) => ({ attempts, perTryTimeout: `${ms}ms` })),
    );
    await fc.assert(
      fc.asyncProperty(overBudget, async (generated) => {
        const resource = withField(virtualService(), "spec.http[0].retries", generated);
        expectViolations(await runPolicy(policy, [resource]), [{ resource: label, path: "spec.http[0].retries", expected: "at most the route timeout 10s (the first try counts)" }]);
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
