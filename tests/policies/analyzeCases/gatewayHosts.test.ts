/**
 * Gateways sharing a workload and port (istioctl IST0145 ConflictingGateways), wildcard hosts in prod and the
 * TLS version of gateway servers.
 */
import { forbidConflictingHosts } from "../../../policy-pack/policies/gateway/forbidConflictingHosts";
import { forbidWildcardHosts } from "../../../policy-pack/policies/gateway/forbidWildcardHosts";
import { requireTls13 } from "../../../policy-pack/policies/gateway/requireTls13";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { certificate, gateway } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const billing = (hosts: string[], port = 443, selector: Record<string, string> = { istio: "ingressgateway" }) =>
  withField(
    withField(withField(withField(gateway("billing", "billing-gateway"), "spec.servers[0].hosts", hosts), "spec.servers[0].port.number", port), "spec.servers[0].tls.credentialName", "billing-tls"),
    "spec.selector",
    selector,
  );
const billingCertificate = () => certificate("istio-ingress", "billing-tls");

describe("Gateways on one workload and port (IST0145)", () => {
  it("accepts distinct hosts on the same workload and port", () => expectCleanWith(gateway(), billing(["billing.example.com"]), billingCertificate()));
  it("accepts the same host on another port", () => expectCleanWith(gateway(), billing(["shop.example.com"], 8443), billingCertificate()));
  it("accepts sibling wildcards that don't overlap", () =>
    expectCleanWith(withField(gateway(), "spec.servers[0].hosts", ["*.shop.example.com"]), billing(["*.billing.example.com"]), billingCertificate()));
  it("accepts several servers of one Gateway repeating a host on one port", () =>
    expectCleanWith(withField(gateway(), "spec.servers[1]", { port: { number: 443, name: "https-alt", protocol: "HTTPS" }, hosts: ["shop.example.com"], tls: { mode: "SIMPLE", credentialName: "shop-tls", minProtocolVersion: "TLSV1_3" } })));

  it("reports an exact host already served by another Gateway with the same selector and port, on both Gateways", async () =>
    expectViolations(await findingsOf(forbidConflictingHosts.name, gateway(), billing(["shop.example.com"]), billingCertificate()), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: '"shop.example.com"', expected: "a host not also served on port 443 of the same gateway pods by Gateway billing/billing-gateway" },
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: '"shop.example.com"', expected: "a host not also served on port 443 of the same gateway pods by Gateway shop/shop-gateway" },
    ]));
  it("accepts a host under another Gateway's wildcard (Envoy picks the most specific server name)", async () =>
    expect(await findingsOf(forbidConflictingHosts.name, withField(gateway(), "spec.servers[0].hosts", ["*.example.com"]), billing(["pay.example.com"]), billingCertificate())).toEqual([]));
  it("reports the overlap whatever order the selector labels are written in", async () => {
    const twoLabels = { istio: "ingressgateway", app: "istio-ingressgateway" };
    const first = withField(gateway(), "spec.selector", twoLabels);
    const second = billing(["shop.example.com"], 443, { app: "istio-ingressgateway", istio: "ingressgateway" });
    expectViolations(await findingsOf(forbidConflictingHosts.name, first, second, billingCertificate()), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]" },
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]" },
    ]);
  });
});

describe("wildcard hosts and TLS version", () => {
  it("accepts a *.domain host in prod", () => expectCleanWith(withField(gateway(), "spec.servers[0].hosts", ["*.example.com"])));
  it("accepts a namespace-scoped exact host in prod", () => expectCleanWith(withField(gateway(), "spec.servers[0].hosts", ["shop/shop.example.com"])));
  it("accepts a server without minProtocolVersion", () => expectCleanWith(withField(gateway(), "spec.servers[0].tls.minProtocolVersion", undefined)));
  it("reports */* in prod", async () =>
    expectViolations(await findingsOf(forbidWildcardHosts.name, withField(gateway(), "spec.servers[0].hosts", ["*/*"])), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: '"*/*"' },
    ]));
  it("reports TLSV1_2 as the minimum", async () =>
    expectViolations(await findingsOf(requireTls13.name, withField(gateway(), "spec.servers[0].tls.minProtocolVersion", "TLSV1_2")), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.minProtocolVersion", found: '"TLSV1_2"', expected: "TLSV1_3" },
    ]));
});
