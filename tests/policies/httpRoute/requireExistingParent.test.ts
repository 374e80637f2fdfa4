import fc from "fast-check";
import { requireExistingParent } from "../../../policy-pack/policies/httpRoute/requireExistingParent";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway, gatewayApiStack as stack, httpRoute, namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireExistingParent;
const label = "HTTPRoute shop/reviews-ingress";

describe(policy.name, () => {
  it("passes a route on a listener that admits its namespace by name", () => expectCompliant(policy, stack()));
  it("passes a parentRef without sectionName when some listener admits the route", () =>
    expectCompliant(policy, [gatewayApiGateway(), namespace("shop"), withField(httpRoute(), "spec.parentRefs[0].sectionName", undefined)]));
  it("passes a listener admitting every namespace", () =>
    expectCompliant(policy, [withField(gatewayApiGateway(), "spec.listeners[0].allowedRoutes.namespaces", { from: "All" }), httpRoute()]));

  it("fails a route naming a Gateway the stack does not declare", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.parentRefs[0].name", "public")]), [
      { resource: label, path: "spec.parentRefs[0]", found: '"istio-ingress/public"', expected: "a Gateway declared in the stack (no Gateway istio-ingress/public)" },
    ]));
  it("fails a parentRef without namespace, which means the route's own", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.parentRefs[0].namespace", undefined)]), [
      { resource: label, path: "spec.parentRefs[0]", found: '"shop/ingress"' },
    ]));
  it("fails a sectionName no listener has", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.parentRefs[0].sectionName", "https")]), [
      { resource: label, path: "spec.parentRefs[0].sectionName", found: '"https"', expected: "a listener of Gateway istio-ingress/ingress (https-shop, http)" },
    ]));
  it("fails a listener whose allowedRoutes admits only the Gateway's own namespace", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), withField(httpRoute(), "spec.parentRefs[0].sectionName", "http")]), [
      { resource: label, path: "spec.parentRefs[0]", found: '"istio-ingress/ingress/http"', expected: "a listener whose allowedRoutes admits HTTPRoutes from namespace shop" },
    ]));
  it("fails a listener that admits only other route kinds", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiGateway(), "spec.listeners[0].allowedRoutes.kinds", [{ kind: "GRPCRoute" }]), httpRoute()]), [
      { resource: label, path: "spec.parentRefs[0]" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayApiGateway(), withField(httpRoute(), "spec.parentRefs[0].name", "missing")]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route names a Gateway that does not exist", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), kubernetesName().map((name) => `missing-${name}`), async ({ resources, serviceRoutes: [route] }, gatewayName) => {
        const broken = withResourceField(resources, "HTTPRoute", route.name, "spec.parentRefs[0].name", gatewayName);
        const violations = await runPolicy(policy, broken);
        expect(violations.length).toBeGreaterThan(0);
        expect(violations.every((violation) => violation.message.includes(`no Gateway istio-ingress/${gatewayName}`))).toBe(true);
      }),
      sameValuesRuns,
    );
  });
});
