import fc from "fast-check";
import { forbidConflictingHosts } from "../../../policy-pack/policies/gateway/forbidConflictingHosts";
import { dnsName } from "../../arbitraries/dnsName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, pod } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidConflictingHosts;
const other = (hosts: string[], port = 443) =>
  withField(withField(gateway("billing", "billing-gateway"), "spec.servers[0].hosts", hosts), "spec.servers[0].port.number", port);

describe(policy.name, () => {
  it("passes two Gateways with distinct hosts", () => expectCompliant(policy, [gateway(), other(["billing.example.com"])]));
  it("passes the same host on another port", () => expectCompliant(policy, [gateway(), other(["shop.example.com"], 8443)]));
  it("passes the same host on another gateway workload", () =>
    expectCompliant(policy, [gateway(), withField(other(["shop.example.com"]), "spec.selector", { istio: "internal-gateway" })]));

  it("passes a wildcard next to a host it covers (Envoy serves the most specific name)", () => expectCompliant(policy, [gateway(), other(["*.example.com"])]));
  it("passes the same host with different binds", () => expectCompliant(policy, [gateway(), withField(other(["shop.example.com"]), "spec.servers[0].bind", "10.0.0.7")]));
  it("passes selectors no declared pod shares", () =>
    expectCompliant(policy, [withField(gateway(), "spec.selector", { istio: "a" }), withField(other(["shop.example.com"]), "spec.selector", { app: "b" })]));

  it("fails the same host twice on one workload and port, on both Gateways", async () =>
    expectViolations(await runPolicy(policy, [gateway(), other(["shop.example.com"])]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: '"shop.example.com"', expected: "a host not also served on port 443 of the same gateway pods by Gateway billing/billing-gateway" },
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: '"shop.example.com"', expected: "a host not also served on port 443 of the same gateway pods by Gateway shop/shop-gateway" },
    ]));
  it("fails overlapping selectors once a declared pod carries both", async () =>
    expectViolations(
      await runPolicy(policy, [
        withField(gateway(), "spec.selector", { istio: "ingressgateway" }),
        withField(other(["shop.example.com"]), "spec.selector", { istio: "ingressgateway", tier: "edge" }),
        pod("istio-ingress", "gateway-0", { istio: "ingressgateway", tier: "edge" }),
      ]),
      [{ resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]" }, { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]" }],
    ));

  itReportsAtConfiguredLevels(policy, () => [gateway(), other(["shop.example.com"])]);

  it("passes every generated mesh, whose Gateways serve one host each", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any second Gateway that claims a host of the first, on both", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), async (host) => {
        const first = withField(gateway(), "spec.servers[0].hosts", [host]);
        expectViolations(await runPolicy(policy, [first, other([host])]), [
          { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: JSON.stringify(host) },
          { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: JSON.stringify(host) },
        ]);
      }),
      propertyRuns,
    );
  });
});
