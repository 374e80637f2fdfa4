import fc from "fast-check";
import { requireCompleteCors } from "../../../policy-pack/policies/virtualService/requireCompleteCors";
import { propertyRuns } from "../../arbitraries/runs";
import { virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireCompleteCors;
const label = "VirtualService shop/reviews";
const lists = ["allowOrigins", "allowMethods", "allowHeaders"] as const;
const token = fc.stringMatching(/^[a-z][a-z-]{0,10}$/);

describe(policy.name, () => {
  it("passes a CORS policy with origins, methods and headers", () => expectCompliant(policy, [virtualService()]));
  it("passes a route without corsPolicy", () => expectCompliant(policy, [withField(virtualService(), "spec.http[0].corsPolicy", undefined)]));

  it.each(lists)("fails when %s is missing", async (list) =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), `spec.http[0].corsPolicy.${list}`, undefined)]), [
      { resource: label, path: `spec.http[0].corsPolicy.${list}`, found: "(not set)", expected: "a non-empty list" },
    ]));
  it("fails an empty allowHeaders list", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].corsPolicy.allowHeaders", [])]), [
      { resource: label, path: "spec.http[0].corsPolicy.allowHeaders", found: "[]" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.http[0].corsPolicy", {})]);

  it("passes any CORS policy with three non-empty lists", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1 }), fc.array(token, { minLength: 1 }), fc.array(token, { minLength: 1 }), async (origins, methods, headers) => {
        const cors = { allowOrigins: origins.map((o) => ({ exact: `https://${o}.example.com` })), allowMethods: methods, allowHeaders: headers };
        expect(await runPolicy(policy, [withField(virtualService(), "spec.http[0].corsPolicy", cors)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails and names every list that is emptied", async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...lists], { minLength: 1 }), async (emptied) => {
        let resource = virtualService();
        for (const list of emptied) {
          resource = withField(resource, `spec.http[0].corsPolicy.${list}`, []);
        }
        expectViolations(
          await runPolicy(policy, [resource]),
          lists.filter((list) => emptied.includes(list)).map((list) => ({ resource: label, path: `spec.http[0].corsPolicy.${list}`, found: "[]" })),
        );
      }),
      propertyRuns,
    );
  });
});
