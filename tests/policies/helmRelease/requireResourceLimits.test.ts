import fc from "fast-check";
import { requireResourceLimits } from "../../../policy-pack/policies/helmRelease/requireResourceLimits";
import { cpuWithin } from "../../arbitraries/cpuQuantity";
import { memoryWithin } from "../../arbitraries/memoryQuantity";
import { propertyRuns } from "../../arbitraries/runs";
import { gatewayRelease, istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireResourceLimits;
const mi = 1024 ** 2;
const istiod = "Helm release istio-system/istiod";
const withResources = (resources: unknown) => withField(istiodRelease(), "values.resources", resources);

describe(policy.name, () => {
  it("passes istiod with 1 CPU and 2Gi limits", () => expectCompliant(policy, [istiodRelease()]));
  it("passes a gateway with bounded limits", () => expectCompliant(policy, [gatewayRelease()]));
  it("passes limits at both bounds written as cores and Gi", () => expectCompliant(policy, [withResources({ limits: { cpu: "2", memory: "512Mi" } })]));
  it("ignores releases of other charts", () => expectCompliant(policy, [withField(withResources(undefined), "chart", "base")]));

  it("fails istiod without limits", async () =>
    expectViolations(await runPolicy(policy, [withResources({ requests: { cpu: "500m", memory: "1Gi" } })]), [
      { resource: istiod, path: "values.resources.limits.cpu", found: "(not set)", expected: "a quantity within 500m–2000m" },
      { resource: istiod, path: "values.resources.limits.memory", found: "(not set)", expected: "a quantity within 512Mi–2Gi" },
    ]));
  it("fails a CPU limit of 4 cores", async () =>
    expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.resources.limits.cpu", "4")]), [{ resource: istiod, path: "values.resources.limits.cpu", found: '"4"' }]));
  it("fails a memory request above its limit", async () =>
    expectViolations(await runPolicy(policy, [withResources({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "1", memory: "1Gi" } })]), [
      { resource: istiod, path: "values.resources.requests.memory", found: '"2Gi"', expected: "at most the limit 1Gi" },
    ]));
  it("fails a gateway with 256Mi memory limit", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayRelease(), "values.resources.limits.memory", "256Mi")]), [
      { resource: "Helm release istio-ingress/istio-ingressgateway", path: "values.resources.limits.memory", found: '"256Mi"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withResources({})]);

  it("passes any limits within bounds with requests at or below them", async () => {
    await fc.assert(
      fc.asyncProperty(cpuWithin(500, 2000), memoryWithin(512 * mi, 2048 * mi), async (cpu, memory) => {
        expect(await runPolicy(policy, [withResources({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu, memory } })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any CPU limit outside 500m–2000m", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(cpuWithin(1, 499), cpuWithin(2001, 64000)), async (cpu) => {
        expectViolations(await runPolicy(policy, [withField(istiodRelease(), "values.resources.limits.cpu", cpu)]), [
          { resource: istiod, path: "values.resources.limits.cpu", found: JSON.stringify(cpu), expected: "a quantity within 500m–2000m" },
        ]);
      }),
      propertyRuns,
    );
  });
});
