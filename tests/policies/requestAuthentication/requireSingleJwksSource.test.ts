import fc from "fast-check";
import { requireSingleJwksSource } from "../../../policy-pack/policies/requestAuthentication/requireSingleJwksSource";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { requestAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSingleJwksSource;
const label = "RequestAuthentication shop/jwt";
const inlineKeys = '{"keys":[{"kty":"RSA","e":"AQAB","n":"abc"}]}';
const withRule = (rule: Record<string, unknown>) => withField(requestAuthentication(), "spec.jwtRules[0]", { issuer: "https://auth.example.com", ...rule });

describe(policy.name, () => {
  it("passes an https jwksUri", () => expectCompliant(policy, [requestAuthentication()]));
  it("passes inline jwks", () => expectCompliant(policy, [withRule({ jwks: inlineKeys })]));

  it("fails both jwksUri and jwks", async () =>
    expectViolations(await runPolicy(policy, [withRule({ jwksUri: "https://auth.example.com/jwks", jwks: inlineKeys })]), [
      { resource: label, path: "spec.jwtRules[0].jwksUri|jwks", found: '"both jwksUri and jwks"', expected: "exactly one of jwksUri or jwks" },
    ]));
  it("fails neither jwksUri nor jwks", async () =>
    expectViolations(await runPolicy(policy, [withRule({})]), [{ resource: label, path: "spec.jwtRules[0].jwksUri|jwks", found: "(not set)" }]));
  it("fails an http jwksUri", async () =>
    expectViolations(await runPolicy(policy, [withRule({ jwksUri: "http://auth.example.com/jwks" })]), [
      { resource: label, path: "spec.jwtRules[0].jwksUri", found: '"http://auth.example.com/jwks"', expected: "an https:// URL" },
    ]));
  it("counts the jwks_uri spelling as jwksUri", async () =>
    expectViolations(await runPolicy(policy, [withRule({ jwks_uri: "https://auth.example.com/jwks", jwks: inlineKeys })]), [{ resource: label, path: "spec.jwtRules[0].jwksUri|jwks" }]));

  itReportsAtConfiguredLevels(policy, () => [withRule({})]);

  it("passes any rule with exactly one source", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.boolean(), async (host, useUri) => {
        expect(await runPolicy(policy, [withRule(useUri ? { jwksUri: `https://${host}/jwks.json` } : { jwks: inlineKeys })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any rule with both sources or a non-https URI", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.boolean(), async (host, both) => {
        const rule = both ? { jwksUri: `https://${host}/jwks.json`, jwks: inlineKeys } : { jwksUri: `http://${host}/jwks.json` };
        expectViolations(await runPolicy(policy, [withRule(rule)]), [{ resource: label, path: both ? "spec.jwtRules[0].jwksUri|jwks" : "spec.jwtRules[0].jwksUri" }]);
      }),
      propertyRuns,
    );
  });
});
