/**
 * Gateway references and host matching of gateway-bound VirtualServices (istioctl IST0101 on `gateways`, IST0132),
 * with the reference and host forms Istio resolves: `mesh`, `name`, `ns/name`, `./name`, the legacy `name.ns`,
 * Gateway hosts `ns/host`, `./host`, `*\/host` and wildcards on either side.
 */
import { requireExistingGateway } from "../../../policy-pack/policies/virtualService/requireExistingGateway";
import { requireGatewayHostMatch } from "../../../policy-pack/policies/virtualService/requireGatewayHostMatch";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { gateway, istioResource } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const frontDoor = (namespace: string, gateways: string[], hosts = ["shop.example.com"]) =>
  istioResource("VirtualService", namespace, "storefront", {
    hosts,
    gateways,
    http: [{ route: [{ destination: { host: "reviews.shop.svc.cluster.local", port: { number: 9080 } } }] }],
  });
const gatewayWithHosts = (hosts: string[]) => withField(gateway(), "spec.servers[0].hosts", hosts);

describe("VirtualService gateway references (IST0101)", () => {
  it("accepts a VirtualService bound only to mesh with no Gateway declared", () => expectCleanWith(frontDoor("shop", ["mesh"], ["reviews"])));
  it("accepts a bare gateway name in the VirtualService's own namespace", () => expectCleanWith(gateway(), frontDoor("shop", ["shop-gateway"])));
  it("accepts namespace/name from another namespace", () => expectCleanWith(gateway(), frontDoor("frontend", ["shop/shop-gateway"])));
  it("accepts ./name for a Gateway in the VirtualService's namespace", () => expectCleanWith(gateway(), frontDoor("shop", ["./shop-gateway"])));
  it("accepts the legacy name.namespace reference", async () =>
    expect(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("frontend", ["shop-gateway.shop"]))).toEqual([]));
  it("accepts the legacy name.namespace.svc.cluster.local reference", async () =>
    expect(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("frontend", ["shop-gateway.shop.svc.cluster.local"]))).toEqual([]));
  it("accepts mesh next to a Gateway", () => expectCleanWith(gateway(), frontDoor("shop", ["mesh", "shop/shop-gateway"])));

  it("reports a bare name that only exists in another namespace", async () =>
    expectViolations(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("frontend", ["shop-gateway"])), [
      { resource: "VirtualService frontend/storefront", path: "spec.gateways[0]", found: '"shop-gateway"', expected: "an existing Gateway (no Gateway frontend/shop-gateway in the stack)" },
    ]));
  it("reports namespace/name pointing at the wrong namespace", async () =>
    expectViolations(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("shop", ["billing/shop-gateway"])), [
      { resource: "VirtualService shop/storefront", path: "spec.gateways[0]", found: '"billing/shop-gateway"' },
    ]));
  it("reports a legacy name.namespace whose namespace has no such Gateway", async () =>
    expectViolations(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("shop", ["shop-gateway.billing"])), [
      { resource: "VirtualService shop/storefront", path: "spec.gateways[0]", expected: "an existing Gateway (no Gateway billing/shop-gateway in the stack)" },
    ]));
  it("reports only the missing one of two references", async () =>
    expectViolations(await findingsOf(requireExistingGateway.name, gateway(), frontDoor("shop", ["shop-gateway", "edge"])), [
      { resource: "VirtualService shop/storefront", path: "spec.gateways[1]", found: '"edge"' },
    ]));
});

describe("VirtualService hosts against the bound Gateway's hosts (IST0132)", () => {
  it("accepts a host covered by the Gateway's *.domain wildcard", () =>
    expectCleanWith(gatewayWithHosts(["*.example.com"]), frontDoor("shop", ["shop-gateway"])));
  it("accepts a Gateway host scoped to the VirtualService's namespace (ns/host)", () =>
    expectCleanWith(gatewayWithHosts(["shop/shop.example.com"]), frontDoor("shop", ["shop-gateway"])));
  it("accepts a Gateway host scoped to the Gateway's own namespace (./host) for a VirtualService there", () =>
    expectCleanWith(gatewayWithHosts(["./shop.example.com"]), frontDoor("shop", ["shop-gateway"])));
  it("accepts a Gateway host open to every namespace (*/host) for a VirtualService elsewhere", () =>
    expectCleanWith(gatewayWithHosts(["*/shop.example.com"]), frontDoor("frontend", ["shop/shop-gateway"])));
  it("accepts a Gateway host scoped to the VirtualService's other namespace", () =>
    expectCleanWith(gatewayWithHosts(["frontend/shop.example.com"]), frontDoor("frontend", ["shop/shop-gateway"])));
  it("accepts a wildcard VirtualService host that covers the Gateway's exact host, as Istio matches either way", async () =>
    expect(await findingsOf(requireGatewayHostMatch.name, gateway(), frontDoor("shop", ["shop-gateway"], ["*.example.com"]))).toEqual([]));
  it("accepts a VirtualService host * on a Gateway with exact hosts", async () =>
    expect(await findingsOf(requireGatewayHostMatch.name, gateway(), frontDoor("shop", ["shop-gateway"], ["*"]))).toEqual([]));
  it("accepts a short VirtualService host whose FQDN the Gateway serves", async () =>
    expect(await findingsOf(requireGatewayHostMatch.name, gatewayWithHosts(["reviews.shop.svc.cluster.local"]), frontDoor("shop", ["shop-gateway"], ["reviews"]))).toEqual([]));
  it("accepts hosts matched by any of several servers", () =>
    expectCleanWith(
      withField(gateway(), "spec.servers[1]", { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["www.example.com"], tls: { httpsRedirect: true } }),
      frontDoor("shop", ["shop-gateway"], ["shop.example.com", "www.example.com"]),
    ));
  it("ignores the mesh entry when matching hosts", () => expectCleanWith(gateway(), frontDoor("shop", ["mesh", "shop-gateway"], ["shop.example.com"])));

  it("reports a host the Gateway doesn't serve", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gateway(), frontDoor("shop", ["shop-gateway"], ["shop.example.com", "api.example.com"])), [
      { resource: "VirtualService shop/storefront", path: "spec.hosts[1]", found: '"api.example.com"', expected: "a host matched by Gateway shop-gateway (its hosts: shop.example.com)" },
    ]));
  it("reports a host the Gateway exposes only to another namespace", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gatewayWithHosts(["billing/shop.example.com"]), frontDoor("shop", ["shop-gateway"])), [
      { resource: "VirtualService shop/storefront", path: "spec.hosts[0]", found: '"shop.example.com"' },
    ]));
  it("reports a ./host Gateway entry used from a VirtualService in another namespace", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gatewayWithHosts(["./shop.example.com"]), frontDoor("frontend", ["shop/shop-gateway"])), [
      { resource: "VirtualService frontend/storefront", path: "spec.hosts[0]" },
    ]));
  it("reports a wildcard VirtualService host under another domain", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gateway(), frontDoor("shop", ["shop-gateway"], ["*.example.org"])), [
      { resource: "VirtualService shop/storefront", path: "spec.hosts[0]", found: '"*.example.org"' },
    ]));
  it("reports a short host whose FQDN is in another namespace than the Gateway serves", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gatewayWithHosts(["*/reviews.billing.svc.cluster.local"]), frontDoor("shop", ["shop-gateway"], ["reviews"])), [
      { resource: "VirtualService shop/storefront", path: "spec.hosts[0]", found: '"reviews"' },
    ]));
  it("reports a sibling subdomain a *.domain wildcard doesn't reach", async () =>
    expectViolations(await findingsOf(requireGatewayHostMatch.name, gatewayWithHosts(["*.shop.example.com"]), frontDoor("shop", ["shop-gateway"], ["shop.example.com"])), [
      { resource: "VirtualService shop/storefront", path: "spec.hosts[0]" },
    ]));
});
