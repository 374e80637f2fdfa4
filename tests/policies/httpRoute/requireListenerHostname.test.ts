import fc from "fast-check";
import { requireListenerHostname } from "../../../policy-pack/policies/httpRoute/requireListenerHostname";
import { dnsName } from "../../arbitraries/dnsName";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway, gatewayApiStack as stack, httpRoute } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireListenerHostname;
const label = "HTTPRoute shop/reviews-ingress";

describe(policy.name, () => {
  it("passes a route whose hostname is the listener's", () => expectCompliant(policy, stack()));
  it("passes a route under a wildcard listener", () =>
    expectCompliant(policy, [withField(gatewayApiGateway(), "spec.listeners[0].hostname", "*.example.com"), httpRoute()]));
  it("passes a route without hostnames, which takes the listener's", () => expectCompliant(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.hostnames", undefined)]));
  it("passes a listener without hostname, which serves every hostname", () =>
    expectCompliant(policy, [withField(gatewayApiGateway(), "spec.listeners[0].hostname", undefined), withField(httpRoute(), "spec.hostnames", ["other.example.org"])]));

  it("fails a route whose hostnames miss the listener's", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.hostnames", ["shop.example.org"])]), [
      { resource: label, path: "spec.hostnames", found: '["shop.example.org"]', expected: "a hostname matching shop.example.com (listener https-shop of spec.parentRefs[0])" },
    ]));
  it("fails a route for a sibling of the listener's exact hostname", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.hostnames", ["api.example.com"])]), [{ resource: label, path: "spec.hostnames" }]));

  itReportsAtConfiguredLevels(policy, () => [gatewayApiGateway(), withField(httpRoute(), "spec.hostnames", ["elsewhere.example.org"])]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route's hostnames leave the ingress hosts", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), dnsName().map((host) => `${host}.invalid`), async ({ resources, serviceRoutes: [route] }, host) => {
        const violations = await runPolicy(policy, withResourceField(resources, "HTTPRoute", route.name, "spec.hostnames", [host]));
        expect(violations.length).toBeGreaterThan(0);
        expect(violations.every((violation) => violation.message.includes(`spec.hostnames found ["${host}"]`))).toBe(true);
      }),
      sameValuesRuns,
    );
  });
});
