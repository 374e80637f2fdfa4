import fc from "fast-check";
import { requireValidSchema } from "../../../policy-pack/policies/resource/requireValidSchema";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import * as factories from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidSchema;
const istioFactories = {
  VirtualService: factories.virtualService,
  DestinationRule: factories.destinationRule,
  Gateway: factories.gateway,
  ServiceEntry: factories.serviceEntry,
  Sidecar: factories.sidecar,
  EnvoyFilter: factories.envoyFilter,
  PeerAuthentication: factories.peerAuthentication,
  AuthorizationPolicy: factories.authorizationPolicy,
  RequestAuthentication: factories.requestAuthentication,
  Telemetry: factories.telemetry,
};

describe(policy.name, () => {
  it.each(Object.entries(istioFactories))("passes the compliant %s", (_kind, factory) => expectCompliant(policy, [factory()]));
  it("passes a v1beta1 VirtualService, validated against v1", () =>
    expectCompliant(policy, [{ ...factories.virtualService(), type: "kubernetes:networking.istio.io/v1beta1:VirtualService" }]));
  it("ignores resources that are not Istio kinds", () => expectCompliant(policy, [factories.namespace(), factories.istiodRelease()]));

  it("fails a weight written as a string", async () =>
    expectViolations(await runPolicy(policy, [withField(factories.virtualService(), "spec.http[0].route[0].weight", "90")]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].weight", found: '"90"', expected: "a value the v1 schema accepts (must be integer)" },
    ]));
  it("fails an unknown TLS mode", async () => {
    const violations = await runPolicy(policy, [withField(factories.destinationRule(), "spec.trafficPolicy.tls.mode", "SIMPEL")]);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0].message).toContain("DestinationRule shop/reviews: spec.trafficPolicy.tls.mode found");
  });
  it("fails a Gateway whose servers are not a list", async () =>
    expectViolations(await runPolicy(policy, [withField(factories.gateway(), "spec.servers", { port: 443 })]), [{ resource: "Gateway shop/shop-gateway", path: "spec.servers" }]));

  itReportsAtConfiguredLevels(policy, () => [withField(factories.peerAuthentication(), "spec.mtls.mode", 3)]);

  it("passes every resource of any generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any non-integer route weight, naming the field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.double({ min: 0.01, max: 99.99, noNaN: true }).filter((w) => !Number.isInteger(w)), fc.boolean()), async (weight) => {
        expectViolations(await runPolicy(policy, [withField(factories.virtualService(), "spec.http[0].route[1].weight", weight)]), [
          { resource: "VirtualService shop/reviews", path: "spec.http[0].route[1].weight" },
        ]);
      }),
      propertyRuns,
    );
  });
});
