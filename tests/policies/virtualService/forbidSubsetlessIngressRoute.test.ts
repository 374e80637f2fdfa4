import fc from "fast-check";
import { forbidSubsetlessIngressRoute } from "../../../policy-pack/policies/virtualService/forbidSubsetlessIngressRoute";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = forbidSubsetlessIngressRoute;
const ingress = (destination: Record<string, unknown>) =>
  istioResource("VirtualService", "shop", "storefront", { hosts: ["shop.example.com"], gateways: ["shop-gateway"], http: [{ route: [{ destination }] }] });

describe(policy.name, () => {
  it("passes a gateway route naming the subset", () => expectCompliant(policy, [virtualService(), ingress({ host: "reviews", subset: "v1" })]));
  it("passes a gateway route to a host nobody splits by subset", () => expectCompliant(policy, [virtualService(), ingress({ host: "ratings" })]));
  it("fails a gateway route without subset to a host the mesh splits by subset", async () =>
    expectViolations(await runPolicy(policy, [virtualService(), ingress({ host: "reviews" })]), [
      { resource: "VirtualService shop/storefront", path: "spec.http[0].route[0].destination.subset", expected: "a subset, as VirtualService shop/reviews routes reviews by subset" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [virtualService(), ingress({ host: "reviews" })]);

  it("passes gateway routes naming any subset", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("v1", "v2", "canary"), async (subset) => expect(await runPolicy(policy, [virtualService(), ingress({ host: "reviews", subset })])).toEqual([])), propertyRuns);
  });
  it("fails every subset-less gateway destination of a split host", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (count) => {
        const routes = Array.from({ length: count }, () => ({ route: [{ destination: { host: "reviews" } }] }));
        const violations = await runPolicy(policy, [virtualService(), istioResource("VirtualService", "shop", "storefront", { hosts: ["shop.example.com"], gateways: ["shop-gateway"], http: routes })]);
        expect(violations).toHaveLength(count);
      }),
      propertyRuns,
    );
  });
});
