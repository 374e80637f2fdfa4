import fc from "fast-check";
import { requireExistingGateway } from "../../../policy-pack/policies/virtualService/requireExistingGateway";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireExistingGateway;
const bound = (gateways: string[]) => withField(virtualService(), "spec.gateways", gateways);

describe(policy.name, () => {
  it("passes a reference by name in the same namespace", () => expectCompliant(policy, [gateway(), bound(["shop-gateway"])]));
  it("passes a namespace/name reference", () => expectCompliant(policy, [gateway("istio-ingress", "public"), bound(["istio-ingress/public"])]));
  it("passes the mesh gateway without any Gateway", () => expectCompliant(policy, [bound(["mesh"])]));

  it("fails a name that only exists in another namespace", async () =>
    expectViolations(await runPolicy(policy, [gateway("istio-ingress", "shop-gateway"), bound(["shop-gateway"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.gateways[0]", found: '"shop-gateway"', expected: "an existing Gateway (no Gateway shop/shop-gateway in the stack)" },
    ]));
  it("fails a misspelt namespace/name reference", async () =>
    expectViolations(await runPolicy(policy, [gateway(), bound(["mesh", "shop/shop-gw"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.gateways[1]", found: '"shop/shop-gw"' },
    ]));
  it("attributes the violation to the VirtualService's URN", async () => {
    const [violation] = await runPolicy(policy, [bound(["missing"])]);
    expect(violation.urn).toBe(virtualService().urn);
  });

  itReportsAtConfiguredLevels(policy, () => [bound(["missing"])]);

  it("passes every generated mesh, whose VirtualServices reference their own Gateways", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once a reference points at an undeclared Gateway", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName(), async ({ namespaces, resources }, missing) => {
        const broken = withResourceField(resources, "VirtualService", `${namespaces[0]}-public`, "spec.gateways", [`nowhere/${missing}`]);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `VirtualService ${namespaces[0]}/public`, path: "spec.gateways[0]", found: `"nowhere/${missing}"` },
        ]);
      }),
      propertyRuns,
    );
  });
});
