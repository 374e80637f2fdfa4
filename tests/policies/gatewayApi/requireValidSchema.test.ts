import fc from "fast-check";
import { requireValidSchema } from "../../../policy-pack/policies/gatewayApi/requireValidSchema";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway, gatewayApiObject, httpRoute, referenceGrant } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireValidSchema;
const route = "HTTPRoute shop/reviews-ingress";

describe(policy.name, () => {
  it("passes a Gateway, an HTTPRoute and a ReferenceGrant of the standard channel", () => expectCompliant(policy, [gatewayApiGateway(), httpRoute(), referenceGrant()]));

  it("fails a field of the experimental channel (HTTPRoute retry)", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].retry", { attempts: 2 })]), [
      { resource: route, path: "spec.rules[0].retry", expected: "a value the v1.5.1 standard-channel schema accepts (is not a field of this schema (the API server drops it))" },
    ]));
  it("fails a kind only the experimental channel has (TCPRoute)", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiObject("TCPRoute", "shop", "db", { parentRefs: [{ name: "ingress" }], rules: [{ backendRefs: [{ name: "db", port: 5432 }] }] })]), [
      { resource: "TCPRoute shop/db", path: "apiVersion", expected: "a value the v1.5.1 standard-channel schema accepts (gateway.networking.k8s.io/v1/TCPRoute is not served by the standard channel of the Gateway API)" },
    ]));
  it("fails a CEL rule: a Service backend without port", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].backendRefs[0].port", undefined)]), [
      { resource: route, path: "spec.rules[0].backendRefs[0]", expected: "a value the v1.5.1 standard-channel schema accepts (Must have port for Service reference)" },
    ]));
  it("fails a CEL rule that reads a default: a path with `//`", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].matches[0].path", { value: "/a//b" })]), [{ resource: route, path: "spec.rules[0].matches[0].path" }]));
  it("fails a Gateway address of type Hostname that is not a hostname", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiGateway(), "spec.addresses[0].value", "Not A Host")]), [
      { resource: "Gateway (gateway.networking.k8s.io) istio-ingress/ingress", path: "spec.addresses[0]", expected: "a value the v1.5.1 standard-channel schema accepts (Hostname value must be empty or contain only valid characters" },
    ]));
  it("fails a timeout the GEP-2257 pattern rejects", async () =>
    expectViolations(await runPolicy(policy, [withField(httpRoute(), "spec.rules[0].timeouts.request", "1.5s")]), [{ resource: route, path: "spec.rules[0].timeouts.request" }]));

  itReportsAtConfiguredLevels(policy, () => [withField(httpRoute(), "spec.rules[0].retry", { attempts: 2 })]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a service route's rule carries an experimental field", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), fc.constantFrom("retry", "sessionPersistence"), async ({ resources, serviceRoutes: [serviceRoute] }, field) => {
        const broken = withResourceField(resources, "HTTPRoute", serviceRoute.name, `spec.rules[0].${field}`, {});
        expectViolations(await runPolicy(policy, broken), [{ resource: serviceRoute.label, path: `spec.rules[0].${field}` }]);
      }),
      sameValuesRuns,
    );
  });
});
