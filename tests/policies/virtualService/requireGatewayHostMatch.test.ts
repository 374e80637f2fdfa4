import fc from "fast-check";
import { requireGatewayHostMatch } from "../../../policy-pack/policies/virtualService/requireGatewayHostMatch";
import { dnsName } from "../../arbitraries/dnsName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireGatewayHostMatch;
const boundVirtualService = (hosts: string[]) => withField(withField(virtualService(), "spec.gateways", ["shop-gateway"]), "spec.hosts", hosts);
const gatewayWithHosts = (hosts: string[]) => withField(gateway(), "spec.servers[0].hosts", hosts);

describe(policy.name, () => {
  it("passes a host the Gateway lists exactly", () => expectCompliant(policy, [gateway(), boundVirtualService(["shop.example.com"])]));
  it("passes a host covered by a *.domain wildcard", () => expectCompliant(policy, [gatewayWithHosts(["*.example.com"]), boundVirtualService(["shop.example.com"])]));
  it("passes a host allowed for the VirtualService's namespace", () => expectCompliant(policy, [gatewayWithHosts(["shop/shop.example.com"]), boundVirtualService(["shop.example.com"])]));
  it("passes a mesh-only VirtualService", () => expectCompliant(policy, [gateway(), virtualService()]));

  it("fails a host the Gateway doesn't list", async () =>
    expectViolations(await runPolicy(policy, [gateway(), boundVirtualService(["admin.example.com"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]", found: '"admin.example.com"', expected: "a host matched by Gateway shop-gateway (its hosts: shop.example.com)" },
    ]));
  it("fails a host the Gateway exposes only to another namespace", async () =>
    expectViolations(await runPolicy(policy, [gatewayWithHosts(["billing/shop.example.com"]), boundVirtualService(["shop.example.com"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]" },
    ]));
  it("fails a wildcard that covers only one label level below the host's domain", async () =>
    expectViolations(await runPolicy(policy, [gatewayWithHosts(["*.example.org"]), boundVirtualService(["shop.example.com"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gateway(), boundVirtualService(["other.example.com"])]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once a gateway-bound host isn't on its Gateway", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), dnsName().map((host) => `${host}.invalid`), async ({ namespaces, resources }, host) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "VirtualService", `${ns}-public`, "spec.hosts", [host]);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `VirtualService ${ns}/public`, path: "spec.hosts[0]", found: JSON.stringify(host), expected: `a host matched by Gateway public (its hosts: ${ns}.example.com)` },
        ]);
      }),
      propertyRuns,
    );
  });
});
