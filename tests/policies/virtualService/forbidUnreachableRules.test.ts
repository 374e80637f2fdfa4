import fc from "fast-check";
import { forbidUnreachableRules } from "../../../policy-pack/policies/virtualService/forbidUnreachableRules";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = forbidUnreachableRules;
const withRules = (http: unknown[]) => istioResource("VirtualService", "shop", "reviews", { hosts: ["reviews"], http });
const route = { route: [{ destination: { host: "reviews" } }] };
const prefix = (value: string) => ({ match: [{ uri: { prefix: value } }], ...route });

describe(policy.name, () => {
  it("passes specific prefixes before general ones, with a catch-all last", () => expectCompliant(policy, [withRules([prefix("/api/v2"), prefix("/api"), route])]));
  it("fails a rule after a catch-all rule (IST0130)", async () => {
    const violations = await runPolicy(policy, [withRules([route, prefix("/api")])]);
    expectViolations(violations, [{ resource: "VirtualService shop/reviews", path: "spec.http[1]", found: '"an unreachable rule"' }]);
    expect(violations[0].message.endsWith("(istioctl IST0130)")).toBe(true);
  });
  it("fails a prefix an earlier, shorter prefix takes (IST0131)", async () => {
    const violations = await runPolicy(policy, [withRules([prefix("/api"), prefix("/api/v2")])]);
    expectViolations(violations, [{ resource: "VirtualService shop/reviews", path: "spec.http[1].match[0]", expected: "a rule or match requests can reach (prefix /api of rule 0 already takes prefix /api/v2)" }]);
    expect(violations[0].message.endsWith("(istioctl IST0131)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [withRules([route, route])]);

  it("passes distinct exact paths in any order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.stringMatching(/^\/[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }), async (paths) => {
        expect(await runPolicy(policy, [withRules([...paths.map((path) => ({ match: [{ uri: { exact: path } }], ...route })), route])])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any rule that repeats an earlier rule's only match", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\/[a-z]{1,8}$/), async (path) => {
        const rule = { match: [{ uri: { exact: path } }], ...route };
        expectViolations(await runPolicy(policy, [withRules([rule, rule])]), [
          { resource: "VirtualService shop/reviews", path: "spec.http[1].match[0]" },
          { resource: "VirtualService shop/reviews", path: "spec.http[1]" },
        ]);
      }),
      propertyRuns,
    );
  });
});
