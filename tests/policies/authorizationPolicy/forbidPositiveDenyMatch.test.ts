import fc from "fast-check";
import { forbidPositiveDenyMatch } from "../../../policy-pack/policies/authorizationPolicy/forbidPositiveDenyMatch";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidPositiveDenyMatch;
const label = "AuthorizationPolicy shop/reviews-allow";
const deny = (operation: Record<string, unknown>) =>
  withField(withField(authorizationPolicy(), "spec.action", "DENY"), "spec.rules[0].to[0].operation", operation);

describe(policy.name, () => {
  it("passes a DENY policy with notPaths", () => expectCompliant(policy, [deny({ notPaths: ["/api/*"] })]));
  it("passes a DENY policy with notMethods", () => expectCompliant(policy, [deny({ notMethods: ["GET"] })]));
  it("passes positive paths in an ALLOW policy", () => expectCompliant(policy, [authorizationPolicy()]));

  it("fails positive paths in a DENY policy", async () =>
    expectViolations(await runPolicy(policy, [deny({ paths: ["/admin"] })]), [
      { resource: label, path: "spec.rules[0].to[0].operation.paths", found: '["/admin"]', expected: "notPaths instead of paths in a DENY policy" },
    ]));

  it("is advisory by default", async () => {
    const [violation] = await runPolicy(policy, [deny({ hosts: ["admin.example.com"] })]);
    expect(violation.enforcementLevel).toBe("advisory");
  });
  itReportsAtConfiguredLevels(policy, () => [deny({ methods: ["DELETE"] })]);

  it("passes any DENY policy that matches request attributes negatively", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("notPaths", "notHosts", "notMethods", "ports"), fc.array(fc.stringMatching(/^[a-z0-9/]{1,8}$/), { minLength: 1 }), async (field, values) => {
        expect(await runPolicy(policy, [deny({ [field]: values })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any DENY policy listing paths, hosts or methods positively", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("paths", "hosts", "methods"), fc.array(fc.stringMatching(/^[a-z0-9/]{1,8}$/), { minLength: 1 }), async (field, values) => {
        expectViolations(await runPolicy(policy, [deny({ [field]: values })]), [{ resource: label, path: `spec.rules[0].to[0].operation.${field}`, found: JSON.stringify(values) }]);
      }),
      propertyRuns,
    );
  });
});
