import fc from "fast-check";
import { requirePrincipalFormat } from "../../../policy-pack/policies/authorizationPolicy/requirePrincipalFormat";
import { malformedPrincipal, principal } from "../../arbitraries/principal";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requirePrincipalFormat;
const label = "AuthorizationPolicy shop/reviews-allow";
const principalsPath = "spec.rules[0].from[0].source.principals";
const withPrincipals = (principals: unknown[]) => withField(authorizationPolicy(), principalsPath, principals);

describe(policy.name, () => {
  it("passes a full SPIFFE principal", () => expectCompliant(policy, [authorizationPolicy()]));
  it("passes a prefix wildcard", () => expectCompliant(policy, [withPrincipals(["*/ns/shop/sa/productpage"])]));
  it("passes a suffix wildcard", () => expectCompliant(policy, [withPrincipals(["cluster.local/ns/shop/*"])]));
  it("passes the any-principal wildcard", () => expectCompliant(policy, [withPrincipals(["*"])]));

  it("fails a bare service-account name", async () =>
    expectViolations(await runPolicy(policy, [withPrincipals(["productpage"])]), [
      { resource: label, path: `${principalsPath}[0]`, found: '"productpage"', expected: "<trust-domain>/ns/<namespace>/sa/<serviceaccount>" },
    ]));
  it("fails a spiffe:// URI", async () =>
    expectViolations(await runPolicy(policy, [withPrincipals(["cluster.local/ns/shop/sa/a", "spiffe://cluster.local/ns/shop/sa/b"])]), [
      { resource: label, path: `${principalsPath}[1]`, found: '"spiffe://cluster.local/ns/shop/sa/b"' },
    ]));
  it("fails a malformed notPrincipals entry", async () =>
    expectViolations(await runPolicy(policy, [withField(authorizationPolicy(), "spec.rules[0].from[0].source.notPrincipals", ["ns/shop/sa/x"])]), [
      { resource: label, path: "spec.rules[0].from[0].source.notPrincipals[0]", found: '"ns/shop/sa/x"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withPrincipals(["web"])]);

  it("passes any well-formed principals", async () => {
    await fc.assert(fc.asyncProperty(fc.array(principal(), { minLength: 1, maxLength: 5 }), async (principals) => expect(await runPolicy(policy, [withPrincipals(principals)])).toEqual([])), propertyRuns);
  });
  it("fails any malformed principal at its index", async () => {
    await fc.assert(
      fc.asyncProperty(principal(), malformedPrincipal(), async (good, bad) => {
        expectViolations(await runPolicy(policy, [withPrincipals([good, bad])]), [{ resource: label, path: `${principalsPath}[1]`, found: JSON.stringify(bad) }]);
      }),
      propertyRuns,
    );
  });
});
