import fc from "fast-check";
import { requireJwksBlockedCidrs } from "../../../policy-pack/policies/meshConfig/requireJwksBlockedCidrs";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, kubernetesObject, requestAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireJwksBlockedCidrs;
const unrestricted = () => withField(istiodRelease(), "values.env", {});

describe(policy.name, () => {
  it("passes istiod restricting JWKS fetches", () => expectCompliant(policy, [istiodRelease(), requestAuthentication()]));
  it("passes a stack without RequestAuthentications", () => expectCompliant(policy, [unrestricted()]));
  it("fails istiod without the restriction once a RequestAuthentication exists", async () =>
    expectViolations(await runPolicy(policy, [unrestricted(), requestAuthentication()]), [
      { resource: "Helm release istio-system/istiod", path: "values.env.BLOCKED_CIDRS_IN_JWKS_URIS", expected: "the CIDRs istiod must not fetch JWKS from (RequestAuthentications: RequestAuthentication shop/jwt)" },
    ]));
  it("fails a declared istiod Deployment without it", async () => {
    const istiod = kubernetesObject("apps/v1", "Deployment", "istio-system", "istiod", { spec: { template: { spec: { containers: [{ name: "discovery", env: [{ name: "PILOT_TRACE_SAMPLING", value: "1" }] }] } } } }, { labels: { app: "istiod" } });
    expectViolations(await runPolicy(policy, [istiod, requestAuthentication()]), [{ resource: "Deployment istio-system/istiod", path: "spec.template.spec.containers[].env" }]);
  });

  itReportsAtConfiguredLevels(policy, () => [unrestricted(), requestAuthentication()]);

  it("passes any non-empty list of CIDRs", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.ipV4(), { minLength: 1, maxLength: 3 }), async (ips) => expect(await runPolicy(policy, [withField(istiodRelease(), "values.env", { BLOCKED_CIDRS_IN_JWKS_URIS: ips.map((ip) => `${ip}/32`).join(",") }), requestAuthentication()])).toEqual([])), propertyRuns);
  });
  it("fails whatever number of RequestAuthentications exist", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async (count) => {
        const authentications = Array.from({ length: count }, (_, i) => requestAuthentication("shop", `jwt-${i}`));
        const violations = await runPolicy(policy, [unrestricted(), ...authentications]);
        expectViolations(violations, [{ resource: "Helm release istio-system/istiod", path: "values.env.BLOCKED_CIDRS_IN_JWKS_URIS", expected: "the CIDRs istiod must not fetch JWKS from (RequestAuthentications: RequestAuthentication shop/jwt-0" }]);
        expect(violations[0].message.includes(`and ${count - 5} more`)).toBe(count > 5);
      }),
      propertyRuns,
    );
  });
});
