import fc from "fast-check";
import { requireResolvableBackend } from "../../../policy-pack/policies/httpRoute/requireResolvableBackend";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiStack as stack, httpRoute, versionService, serviceEntry, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireResolvableBackend;
const label = "HTTPRoute shop/reviews-ingress";
const services = () => [versionService("shop", "reviews-v1"), versionService("shop", "reviews-v2")];

describe(policy.name, () => {
  it("passes backends that are Services of the stack on their port", () => expectCompliant(policy, stack()));
  it("passes a mesh service the stack routes to on that port (its VirtualService's destination)", () =>
    expectCompliant(policy, [
      withField(virtualService(), "spec.http[0].route", [{ destination: { host: "reviews", port: { number: 9080 } } }]),
      withField(httpRoute(), "spec.rules[0].backendRefs", [{ name: "reviews", port: 9080 }]),
    ]));
  it("passes an Istio Hostname backend served by a ServiceEntry", () =>
    expectCompliant(policy, [serviceEntry(), withField(httpRoute(), "spec.rules[0].backendRefs", [{ group: "networking.istio.io", kind: "Hostname", name: "api.payments.example.com", port: 443 }])]));

  it("fails a Service the stack does not declare", async () =>
    expectViolations(await runPolicy(policy, [services()[0], httpRoute()]), [
      { resource: label, path: "spec.rules[0].backendRefs[1].name", found: '"reviews-v2"', expected: "a Service in namespace shop the stack declares (no reviews-v2.shop.svc.cluster.local)" },
    ]));
  it("fails a port the Service does not serve", async () =>
    expectViolations(await runPolicy(policy, [...services(), withField(httpRoute(), "spec.rules[0].backendRefs[0].port", 8080)]), [
      { resource: label, path: "spec.rules[0].backendRefs[0].port", found: "8080", expected: "a port reviews-v1.shop.svc.cluster.local serves (9080)" },
    ]));
  it("fails a Service of another namespace than the one it lives in", async () =>
    expectViolations(await runPolicy(policy, [...services(), withField(httpRoute(), "spec.rules[0].backendRefs[0].namespace", "backends")]), [
      { resource: label, path: "spec.rules[0].backendRefs[0].name", expected: "a Service in namespace backends the stack declares (no reviews-v1.backends.svc.cluster.local)" },
    ]));
  it("fails a backend kind Istio does not route to", async () =>
    expectViolations(await runPolicy(policy, [...services(), withField(httpRoute(), "spec.rules[0].backendRefs[0].kind", "Deployment")]), [
      { resource: label, path: "spec.rules[0].backendRefs[0].kind", found: '"/Deployment"', expected: "a core Service or an Istio Hostname" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [httpRoute()]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route's first backend names a port nothing serves", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), async ({ resources, render, serviceRoutes: [route] }) => {
        const used = new Set(render.mesh.services.map((candidate) => candidate.port));
        let port = 1;
        while (used.has(port)) port += 1;
        const violations = await runPolicy(policy, withResourceField(resources, "HTTPRoute", route.name, "spec.rules[0].backendRefs[0].port", port));
        expect(violations.map((violation) => violation.message)).toEqual([expect.stringContaining(`${route.label}: spec.rules[0].backendRefs[0].port found ${port}`)]);
      }),
      sameValuesRuns,
    );
  });
});
