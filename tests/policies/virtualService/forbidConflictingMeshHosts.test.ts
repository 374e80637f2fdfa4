import fc from "fast-check";
import { forbidConflictingMeshHosts } from "../../../policy-pack/policies/virtualService/forbidConflictingMeshHosts";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidConflictingMeshHosts;
const second = (host: string, gateways?: string[]) =>
  istioResource("VirtualService", "shop", "reviews-canary", { hosts: [host], ...(gateways ? { gateways } : {}), http: [{ route: [{ destination: { host: "reviews" } }] }] });

describe(policy.name, () => {
  it("passes one mesh VirtualService per host", () => expectCompliant(policy, [virtualService(), second("ratings")]));
  it("passes the same host on a gateway-bound VirtualService", () => expectCompliant(policy, [virtualService(), second("reviews", ["shop-gateway"])]));
  it("passes equal short names in different namespaces", () => expectCompliant(policy, [virtualService(), virtualService("billing")]));

  it("fails both mesh VirtualServices for the same short host", async () =>
    expectViolations(await runPolicy(policy, [virtualService(), second("reviews")]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]", found: '"reviews"', expected: "a host no other mesh VirtualService claims (VirtualService shop/reviews-canary also routes reviews.shop.svc.cluster.local)" },
      { resource: "VirtualService shop/reviews-canary", path: "spec.hosts[0]", found: '"reviews"', expected: "a host no other mesh VirtualService claims (VirtualService shop/reviews also routes reviews.shop.svc.cluster.local)" },
    ]));
  it("fails a fully qualified host that resolves to the same service, bound to mesh explicitly", async () =>
    expectViolations(await runPolicy(policy, [virtualService(), second("reviews.shop.svc.cluster.local", ["mesh"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]" },
      { resource: "VirtualService shop/reviews-canary", path: "spec.hosts[0]" },
    ]));
  it("passes a VirtualService hidden from every namespace (exportTo ~) next to one for the same host", () =>
    expectCompliant(policy, [virtualService(), withField(second("reviews"), "spec.exportTo", ["~"])]));

  itReportsAtConfiguredLevels(policy, () => [virtualService(), second("reviews")]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh with a duplicate of a mesh VirtualService", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), async ({ namespaces, resources }) => {
        const ns = namespaces[namespaces.length - 1];
        const duplicate = withField(istioResource("VirtualService", ns, "web-copy", { hosts: ["web"] }), "spec.http", []);
        expectViolations(await runPolicy(policy, [...resources, duplicate]), [
          { resource: `VirtualService ${ns}/web`, path: "spec.hosts[0]", found: '"web"' },
          { resource: `VirtualService ${ns}/web-copy`, path: "spec.hosts[0]", found: '"web"' },
        ]);
      }),
      propertyRuns,
    );
  });
});
