import fc from "fast-check";
import { forbidMultipleSelectorless } from "../../../policy-pack/policies/telemetry/forbidMultipleSelectorless";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidMultipleSelectorless;

describe(policy.name, () => {
  it("passes one namespace-wide Telemetry per namespace", () => expectCompliant(policy, [telemetry(), telemetry("shop", "default")]));
  it("passes a second Telemetry with a selector", () =>
    expectCompliant(policy, [telemetry(), withField(telemetry("istio-system", "gateways"), "spec.selector", { matchLabels: { istio: "ingressgateway" } })]));
  it("passes a second Telemetry with targetRefs", () =>
    expectCompliant(policy, [telemetry(), withField(telemetry("istio-system", "waypoint"), "spec.targetRefs", [{ kind: "Gateway", group: "gateway.networking.k8s.io", name: "waypoint" }])]));

  it("fails each of two namespace-wide Telemetries", async () =>
    expectViolations(await runPolicy(policy, [telemetry(), telemetry("istio-system", "tracing")]), [
      { resource: "Telemetry istio-system/mesh-default", path: "spec.selector", found: "(not set)", expected: "a workload selector (Telemetry istio-system/tracing also claims to be the namespace-wide Telemetry)" },
      { resource: "Telemetry istio-system/tracing", path: "spec.selector", found: "(not set)", expected: "a workload selector (Telemetry istio-system/mesh-default also claims to be the namespace-wide Telemetry)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [telemetry(), telemetry("istio-system", "tracing")]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails every extra selectorless Telemetry", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName().map((name) => `extra-${name}`), async ({ namespaces, resources }, extra) => {
        const ns = namespaces[namespaces.length - 1];
        expectViolations(await runPolicy(policy, [...resources, telemetry(ns, extra)]), [{ resource: `Telemetry ${ns}/default`, path: "spec.selector" }, { resource: `Telemetry ${ns}/${extra}`, path: "spec.selector" }]);
      }),
      propertyRuns,
    );
  });
});
