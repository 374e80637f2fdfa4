import fc from "fast-check";
import { requireSelectedWorkload } from "../../../policy-pack/policies/gateway/requireSelectedWorkload";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, gateway, gatewayRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSelectedWorkload;

describe(policy.name, () => {
  it("passes a Gateway on the ingress gateway release's pods", () => expectCompliant(policy, [gatewayRelease(), gateway()]));
  it("passes a Gateway on a declared gateway Deployment", () => expectCompliant(policy, [deployment("edge", "edge-gateway", { istio: "ingressgateway" }), gateway()]));
  it("passes a stack that runs no workloads at all (another stack runs the gateways)", () => expectCompliant(policy, [gateway()]));

  it("fails a selector no gateway of the stack matches", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), withField(gateway(), "spec.selector", { istio: "ingress" })]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.selector", found: '{"istio":"ingress"}', expected: "labels of a gateway's pods in the stack (no pod matches istio=ingress)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayRelease(), withField(gateway(), "spec.selector", { istio: "ingress" })]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any Gateway selecting a label no pod of the stack carries", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName(), async ({ resources }, label) => {
        const lost = withField(gateway("lost", "lost"), "spec.selector", { istio: `missing-${label}` });
        expectViolations(await runPolicy(policy, [...resources, lost]), [{ resource: "Gateway lost/lost", path: "spec.selector" }]);
      }),
      propertyRuns,
    );
  });
});
