import fc from "fast-check";
import { requireReferenceGrant } from "../../../policy-pack/policies/gatewayApi/requireReferenceGrant";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway, httpRoute, referenceGrant } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireReferenceGrant;
const crossNamespaceRoute = () => withField(httpRoute(), "spec.rules[0].backendRefs[0].namespace", "backends");

describe(policy.name, () => {
  it("passes same-namespace backends and Secrets, which need no grant", () => expectCompliant(policy, [gatewayApiGateway(), httpRoute()]));
  it("passes a cross-namespace backend with a ReferenceGrant in its namespace", () => expectCompliant(policy, [crossNamespaceRoute(), referenceGrant()]));
  it("passes a grant limited to the backend's name", () => expectCompliant(policy, [crossNamespaceRoute(), withField(referenceGrant(), "spec.to[0].name", "reviews-v1")]));
  it("passes a cross-namespace Secret with a grant to Gateways of istio-ingress", () =>
    expectCompliant(policy, [
      withField(gatewayApiGateway(), "spec.listeners[0].tls.certificateRefs[0].namespace", "certs"),
      withField(withField(referenceGrant("certs", "istio-ingress"), "spec.from[0].kind", "Gateway"), "spec.to[0].kind", "Secret"),
    ]));

  it("fails a cross-namespace backend without a grant", async () =>
    expectViolations(await runPolicy(policy, [crossNamespaceRoute()]), [
      { resource: "HTTPRoute shop/reviews-ingress", path: "spec.rules[0].backendRefs[0].namespace", found: '"Service backends/reviews-v1"', expected: "a ReferenceGrant in backends from HTTPRoute in shop to Service" },
    ]));
  it("fails a grant in the route's namespace instead of the target's", async () =>
    expectViolations(await runPolicy(policy, [crossNamespaceRoute(), referenceGrant("shop", "shop")]), [{ resource: "HTTPRoute shop/reviews-ingress", path: "spec.rules[0].backendRefs[0].namespace" }]));
  it("fails a grant for another name", async () =>
    expectViolations(await runPolicy(policy, [crossNamespaceRoute(), withField(referenceGrant(), "spec.to[0].name", "ratings")]), [{ resource: "HTTPRoute shop/reviews-ingress", path: "spec.rules[0].backendRefs[0].namespace" }]));
  it("fails a cross-namespace Secret without a grant", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiGateway(), "spec.listeners[0].tls.certificateRefs[0].namespace", "certs")]), [
      { resource: "Gateway (gateway.networking.k8s.io) istio-ingress/ingress", path: "spec.listeners[0].tls.certificateRefs[0].namespace", found: '"Secret certs/shop-tls"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [crossNamespaceRoute()]);

  it("passes every generated Gateway API ingress (the program makes no cross-namespace reference)", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route sends a backend to another namespace, and passes once granted", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), kubernetesName().map((name) => `other-${name}`), async ({ resources, serviceRoutes: [route] }, target) => {
        const broken = withResourceField(resources, "HTTPRoute", route.name, "spec.rules[0].backendRefs[0].namespace", target);
        expectViolations(await runPolicy(policy, broken), [{ resource: route.label, path: "spec.rules[0].backendRefs[0].namespace" }]);
        const routeNamespace = route.label.split(" ")[1].split("/")[0];
        expect(await runPolicy(policy, [...broken, referenceGrant(target, routeNamespace)])).toEqual([]);
      }),
      sameValuesRuns,
    );
  });
});
