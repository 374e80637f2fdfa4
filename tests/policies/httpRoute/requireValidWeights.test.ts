import fc from "fast-check";
import { requireValidWeights } from "../../../policy-pack/policies/httpRoute/requireValidWeights";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { httpRoute } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireValidWeights;
const label = "HTTPRoute shop/reviews-ingress";

describe(policy.name, () => {
  it("passes a 90/10 split", () => expectCompliant(policy, [httpRoute()]));
  it("passes a 100/0 split: one backend may be drained", () => expectCompliant(policy, [withField(httpRoute(), "spec.rules[0].backendRefs[1].weight", 0)]));
  it("passes backends without weights (each weighs 1)", () =>
    expectCompliant(policy, [withField(withField(httpRoute(), "spec.rules[0].backendRefs[0].weight", undefined), "spec.rules[0].backendRefs[1].weight", undefined)]));
  it("passes a rule without backends (a redirect)", () => expectCompliant(policy, [withField(httpRoute(), "spec.rules[0].backendRefs", undefined)]));

  it("fails a rule whose weights are all zero", async () =>
    expectViolations(await runPolicy(policy, [withField(withField(httpRoute(), "spec.rules[0].backendRefs[0].weight", 0), "spec.rules[0].backendRefs[1].weight", 0)]), [
      { resource: label, path: "spec.rules[0].backendRefs", found: "[0,0]", expected: "at least one positive weight (all 0 answers 500)" },
    ]));
  it("fails a negative weight", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].backendRefs[1].weight", -10)]), [
      { resource: label, path: "spec.rules[0].backendRefs[1].weight", found: "-10", expected: "a non-negative integer" },
    ]));
  it("fails a fractional weight", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].backendRefs[0].weight", 2.5)]), [{ resource: label, path: "spec.rules[0].backendRefs[0].weight", found: "2.5" }]));

  itReportsAtConfiguredLevels(policy, () => [withField(httpRoute(), "spec.rules[0].backendRefs[0].weight", -1)]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route's first backend weighs below zero", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), fc.integer({ min: -1000, max: -1 }), async ({ resources, serviceRoutes: [route] }, weight) => {
        const broken = withResourceField(resources, "HTTPRoute", route.name, "spec.rules[0].backendRefs[0].weight", weight);
        const violations = await runPolicy(policy, broken);
        expect(violations.map((violation) => violation.message)).toContainEqual(expect.stringContaining(`${route.label}: spec.rules[0].backendRefs[0].weight found ${weight}`));
      }),
      sameValuesRuns,
    );
  });
});
