import fc from "fast-check";
import { forbidDeprecatedFields } from "../../../policy-pack/policies/resource/forbidDeprecatedFields";
import { propertyRuns } from "../../arbitraries/runs";
import { kubernetesObject, sidecar, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidDeprecatedFields;
const delay = (fault: Record<string, unknown>) => withField(virtualService(), "spec.http[0].fault", { delay: { fixedDelay: "5s", ...fault } });

describe(policy.name, () => {
  it("passes a delay with percentage", () => expectCompliant(policy, [delay({ percentage: { value: 10 } })]));
  it("passes a Sidecar without egressProxy", () => expectCompliant(policy, [sidecar()]));
  it("fails a delay with percent", async () =>
    expectViolations(await runPolicy(policy, [delay({ percent: 10 })]), [{ resource: "VirtualService shop/reviews", path: "spec.http[0].fault.delay.percent", found: "10", expected: "fault.delay.percentage.value (percent is deprecated)" }]));
  it("fails a Sidecar egressProxy", async () =>
    expectViolations(await runPolicy(policy, [withField(sidecar(), "spec.outboundTrafficPolicy", { mode: "REGISTRY_ONLY", egressProxy: { host: "egress.example.com" } })]), [{ resource: "Sidecar shop/default", path: "spec.outboundTrafficPolicy.egressProxy" }]));
  it("fails a CRD of the removed rbac.istio.io API", async () =>
    expectViolations(await runPolicy(policy, [kubernetesObject("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, "serviceroles.rbac.istio.io", { spec: { group: "rbac.istio.io", names: { kind: "ServiceRole" } } })]), [
      { resource: "CustomResourceDefinition serviceroles.rbac.istio.io", path: "spec.names.kind", found: '"ServiceRole"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [delay({ percent: 10 })]);

  it("passes any delay percentage", async () => {
    await fc.assert(fc.asyncProperty(fc.double({ min: 0, max: 100, noNaN: true }), async (value) => expect(await runPolicy(policy, [delay({ percentage: { value } })])).toEqual([])), propertyRuns);
  });
  it("fails any positive delay percent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100 }), async (percent) => {
        expectViolations(await runPolicy(policy, [delay({ percent })]), [{ resource: "VirtualService shop/reviews", path: "spec.http[0].fault.delay.percent", found: String(percent) }]);
      }),
      propertyRuns,
    );
  });
});
