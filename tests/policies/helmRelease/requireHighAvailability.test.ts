import fc from "fast-check";
import { requireHighAvailability } from "../../../policy-pack/policies/helmRelease/requireHighAvailability";
import { propertyRuns } from "../../arbitraries/runs";
import { gatewayRelease, istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireHighAvailability;
const prod = { requireHighAvailability: true, minReplicas: 2 };
const istiod = "Helm release istio-system/istiod";
const gateway = "Helm release istio-ingress/istio-ingressgateway";

describe(policy.name, () => {
  it("passes istiod with autoscaleMin 2 and a gateway with 2 replicas and a PDB", () => expectCompliant(policy, [istiodRelease(), gatewayRelease()], { properties: prod }));
  it("passes a single replica when HA isn't required (the default)", () => expectCompliant(policy, [withField(istiodRelease(), "values.autoscaleMin", 1)]));
  it("passes istiod with autoscaling off and 3 fixed replicas", () =>
    expectCompliant(policy, [withField(withField(istiodRelease(), "values.autoscaleEnabled", false), "values.replicaCount", 3)], { properties: prod }));

  it("fails istiod with autoscaleMin 1", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.autoscaleMin", 1)], { properties: prod }), [
      { resource: istiod, path: "values.autoscaleMin", found: "1", expected: "at least 2" },
    ]));
  it("fails istiod with autoscaling off and no replicaCount", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.autoscaleEnabled", false)], { properties: prod }), [
      { resource: istiod, path: "values.replicaCount", found: "(not set)" },
    ]));
  it("fails a gateway without PodDisruptionBudget", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayRelease(), "values.podDisruptionBudget", undefined)], { properties: prod }), [
      { resource: gateway, path: "values.podDisruptionBudget", found: "(not set)", expected: "a PodDisruptionBudget such as {minAvailable: 1}" },
    ]));
  it("fails a gateway below a raised minReplicas", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease()], { properties: { ...prod, minReplicas: 3 } }), [
      { resource: gateway, path: "values.autoscaling.minReplicas", found: "2", expected: "at least 3" },
    ]));
  it("rejects minReplicas 0 in the config, as the CLI does", async () =>
    expect(runPolicy(policy, [gatewayRelease()], { properties: { ...prod, minReplicas: 0 } })).rejects.toThrow(/minReplicas must be >= 1/));

  itReportsAtConfiguredLevels(policy, () => [withField(istiodRelease(), "values.autoscaleMin", 1)], prod);

  it("passes any replica floors at or above minReplicas", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 }), async (minReplicas, headroom) => {
        const replicas = minReplicas + headroom;
        const resources = [withField(istiodRelease(), "values.autoscaleMin", replicas), withField(gatewayRelease(), "values.autoscaling.minReplicas", replicas)];
        expect(await runPolicy(policy, resources, { properties: { requireHighAvailability: true, minReplicas } })).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any replica floor below minReplicas", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 5 }), async (minReplicas, shortfall) => {
        const replicas = Math.max(0, minReplicas - shortfall);
        expectViolations(await runPolicy(policy, [withField(gatewayRelease(), "values.autoscaling.minReplicas", replicas)], { properties: { requireHighAvailability: true, minReplicas } }), [
          { resource: gateway, path: "values.autoscaling.minReplicas", found: String(replicas), expected: `at least ${minReplicas}` },
        ]);
      }),
      propertyRuns,
    );
  });
});
