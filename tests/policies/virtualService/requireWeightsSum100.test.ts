import fc from "fast-check";
import { requireWeightsSum100 } from "../../../policy-pack/policies/virtualService/requireWeightsSum100";
import { propertyRuns } from "../../arbitraries/runs";
import { weightSplit } from "../../arbitraries/weightSplit";
import { virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireWeightsSum100;
const label = "VirtualService shop/reviews";
const routeTo = (weights: Array<number | undefined>) =>
  weights.map((weight, i) => ({ destination: { host: "reviews", subset: `v${i}` }, ...(weight === undefined ? {} : { weight }) }));

describe(policy.name, () => {
  it("passes a 90/10 split", () => expectCompliant(policy, [virtualService()]));
  it("passes a single destination without weight", () =>
    expectCompliant(policy, [withField(virtualService(), "spec.http[0].route", routeTo([undefined]))]));
  it("passes a TCP split that sums to 100", () =>
    expectCompliant(policy, [withField(virtualService(), "spec.tcp", [{ route: routeTo([50, 50]) }])]));

  it("fails a split whose weights sum to 90", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].route[1].weight", 0)]), [
      { resource: label, path: "spec.http[0].route[*].weight", found: "90", expected: "a sum of 100" },
    ]));
  it("fails a split with a destination missing its weight", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].route[1].weight", undefined)]), [
      { resource: label, path: "spec.http[0].route[1].weight", found: "(not set)", expected: "an integer weight (the route has 2 destinations)" },
    ]));
  it("fails a split with a fractional weight", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].route[1].weight", 10.5)]), [
      { resource: label, path: "spec.http[0].route[1].weight", found: "10.5" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.http[0].route[0].weight", 10)]);

  it("passes any generated split that sums to 100", async () => {
    await fc.assert(
      fc.asyncProperty(weightSplit(), async (weights) => {
        expect(await runPolicy(policy, [withField(virtualService(), "spec.http[0].route", routeTo(weights))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any generated split that is off by a non-zero amount", async () => {
    await fc.assert(
      fc.asyncProperty(weightSplit(), fc.integer({ min: 1, max: 50 }), async (weights, extra) => {
        const skewed = weights.map((weight, i) => (i === 0 ? weight + extra : weight));
        const violations = await runPolicy(policy, [withField(virtualService(), "spec.http[0].route", routeTo(skewed))]);
        expectViolations(violations, [{ resource: label, path: "spec.http[0].route[*].weight", found: String(100 + extra), expected: "a sum of 100" }]);
      }),
      propertyRuns,
    );
  });
});
