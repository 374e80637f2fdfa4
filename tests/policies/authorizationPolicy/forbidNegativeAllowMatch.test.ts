import fc from "fast-check";
import { forbidNegativeAllowMatch } from "../../../policy-pack/policies/authorizationPolicy/forbidNegativeAllowMatch";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidNegativeAllowMatch;
const label = "AuthorizationPolicy shop/reviews-allow";
const negativeFields = [
  ["from[0].source", "notPrincipals"],
  ["from[0].source", "notNamespaces"],
  ["from[0].source", "notIpBlocks"],
  ["to[0].operation", "notPaths"],
  ["to[0].operation", "notMethods"],
  ["to[0].operation", "notHosts"],
  ["to[0].operation", "notPorts"],
] as const;

describe(policy.name, () => {
  it("passes an ALLOW policy with positive matches", () => expectCompliant(policy, [authorizationPolicy()]));
  it("passes an ALLOW policy without action field", () => expectCompliant(policy, [withField(authorizationPolicy(), "spec.action", undefined)]));
  it("passes notPaths in a DENY policy", () =>
    expectCompliant(policy, [withField(withField(authorizationPolicy(), "spec.action", "DENY"), "spec.rules[0].to[0].operation.notPaths", ["/health"])]));

  it("fails notPaths in an ALLOW policy", async () =>
    expectViolations(await runPolicy(policy, [withField(authorizationPolicy(), "spec.rules[0].to[0].operation.notPaths", ["/admin/*"])]), [
      { resource: label, path: "spec.rules[0].to[0].operation.notPaths", found: '["/admin/*"]', expected: "no notPaths in an ALLOW policy" },
    ]));
  it("fails notValues in a when condition of a policy with the default action", async () => {
    const resource = withField(withField(authorizationPolicy(), "spec.action", undefined), "spec.rules[0].when", [{ key: "request.headers[x-env]", notValues: ["test"] }]);
    expectViolations(await runPolicy(policy, [resource]), [{ resource: label, path: "spec.rules[0].when[0].notValues" }]);
  });

  itReportsAtConfiguredLevels(policy, () => [withField(authorizationPolicy(), "spec.rules[0].from[0].source.notNamespaces", ["test"])]);

  it("passes any DENY or CUSTOM policy with negative matches", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("DENY", "CUSTOM", "AUDIT"), fc.constantFrom(...negativeFields), async (action, [block, field]) => {
        const resource = withField(withField(authorizationPolicy(), "spec.action", action), `spec.rules[0].${block}.${field}`, ["x"]);
        expect(await runPolicy(policy, [resource])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any negative field in an ALLOW policy, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...negativeFields), fc.array(fc.stringMatching(/^[a-z0-9/*]{1,10}$/), { minLength: 1, maxLength: 3 }), async ([block, field], values) => {
        const resource = withField(authorizationPolicy(), `spec.rules[0].${block}.${field}`, values);
        expectViolations(await runPolicy(policy, [resource]), [{ resource: label, path: `spec.rules[0].${block}.${field}`, expected: `no ${field} in an ALLOW policy` }]);
      }),
      propertyRuns,
    );
  });
});
