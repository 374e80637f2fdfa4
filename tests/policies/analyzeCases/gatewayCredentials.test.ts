/**
 * Gateway TLS servers and their secrets (property 9; istioctl's gateway SecretAnalyzer and duplicate
 * certificate check), and the egress gateway's Istio mTLS servers: the workload namespace comes from the gateway Helm release whose pod labels (the chart's
 * defaults included) match the selector; credentials may name their namespace (`ns/name`, `kubernetes://…`).
 */
import { forbidPlaintextEgress } from "../../../policy-pack/policies/gateway/forbidPlaintextEgress";
import { forbidSharedCredential } from "../../../policy-pack/policies/gateway/forbidSharedCredential";
import { requireCertificate } from "../../../policy-pack/policies/gateway/requireCertificate";
import { requireTlsCredential } from "../../../policy-pack/policies/gateway/requireTlsCredential";
import { appNamespace, expectCleanWith, findingsOf, packViolations } from "../../support/analyzeCases";
import { certificate, gateway, gatewayRelease, istiodRelease, peerAuthentication } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const label = "Gateway shop/shop-gateway";
const withCredential = (credentialName: string) => withField(gateway(), "spec.servers[0].tls.credentialName", credentialName);
const secondServer = (server: Record<string, unknown>) => withField(gateway(), "spec.servers[1]", server);
/** The baseline without its gateway release, so a case can bring its own. */
const stackWithRelease = (...resources: ReturnType<typeof gateway>[]) =>
  [appNamespace(), peerAuthentication(), istiodRelease(), certificate(), ...resources];

describe("gateway workload namespace from the gateway Helm release", () => {
  it("accepts a Certificate in the release's namespace for a Gateway declared in an app namespace", () => expectCleanWith(gateway()));
  it("resolves the chart's default istio label (release name without istio-) when values.labels is unset", async () => {
    const release = withField(gatewayRelease(), "values.labels", undefined);
    expect(await packViolations(stackWithRelease(release, gateway()))).toEqual([]);
  });
  it("resolves the chart's default app label (the release name)", async () => {
    const release = withField(gatewayRelease(), "values.labels", undefined);
    expect(await packViolations(stackWithRelease(release, withField(gateway(), "spec.selector", { app: "istio-ingressgateway" })))).toEqual([]);
  });
  it("resolves a gateway named by values.name", async () => {
    const release = withField(withField(gatewayRelease("edge", "edge-system"), "values.labels", undefined), "values.name", "istio-edge");
    const resources = [appNamespace(), peerAuthentication(), istiodRelease(), certificate("edge-system"), release, withField(gateway(), "spec.selector", { istio: "edge" })];
    expect(await packViolations(resources)).toEqual([]);
  });
  it("resolves extra values.labels next to the defaults", async () => {
    const release = withField(gatewayRelease(), "values.labels", { tier: "edge" });
    expect(await packViolations(stackWithRelease(release, withField(gateway(), "spec.selector", { tier: "edge", istio: "ingressgateway" })))).toEqual([]);
  });
  it("resolves the chart's app.kubernetes.io/name label", async () =>
    expect(await packViolations(stackWithRelease(gatewayRelease(), withField(gateway(), "spec.selector", { "app.kubernetes.io/name": "istio-ingressgateway" })))).toEqual([]));

  it("reports a Certificate created in the Gateway's namespace instead of the workload's", async () =>
    expectViolations(await findingsOf(requireCertificate.name, withField(gateway(), "spec.servers[0].tls.credentialName", "shop-local-tls"), certificate("shop", "shop-local-tls")), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"shop-local-tls"', expected: "a cert-manager Certificate in namespace istio-ingress with secretName shop-local-tls" },
    ]));
  it("accepts a Certificate in any namespace when the gateway workload isn't deployed by this stack", async () =>
    expect(await findingsOf(requireCertificate.name, withField(gateway(), "spec.selector", { istio: "shared-ingress" }))).toEqual([]));
  it("reports a secret no Certificate writes anywhere when no release matches the selector", async () => {
    const release = withField(gatewayRelease(), "values.labels", { istio: "public" });
    expectViolations((await packViolations(stackWithRelease(release, withCredential("edge-tls")))).filter((v) => v.policyName === requireCertificate.name), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"edge-tls"', expected: "a cert-manager Certificate with secretName edge-tls (no gateway release in the stack matches the selector; shop assumed)" },
    ]);
  });
});

describe("credential names", () => {
  it("accepts credentialName namespace/name naming the workload's namespace", () => expectCleanWith(withCredential("istio-ingress/shop-tls")));
  it("accepts kubernetes://name", () => expectCleanWith(withCredential("kubernetes://shop-tls")));
  it("accepts kubernetes://namespace/name", () => expectCleanWith(withCredential("kubernetes://istio-ingress/shop-tls")));
  it("accepts builtin:// (the gateway's own mesh certificate) without a Certificate", async () =>
    expect(await findingsOf(requireCertificate.name, withCredential("builtin://"))).toEqual([]));
  it("accepts credentialNames with a Certificate for each (RSA and ECDSA)", () =>
    expectCleanWith(
      withField(withField(gateway(), "spec.servers[0].tls.credentialName", undefined), "spec.servers[0].tls.credentialNames", ["shop-tls", "shop-ecdsa-tls"]),
      certificate("istio-ingress", "shop-ecdsa-tls"),
    ));
  it("accepts a TLS passthrough server next to the HTTPS one", () =>
    expectCleanWith(secondServer({ port: { number: 15443, name: "tls-passthrough", protocol: "TLS" }, hosts: ["db.example.com"], tls: { mode: "PASSTHROUGH" } })));
  it("accepts a TLS server whose tls block leaves mode at its PASSTHROUGH default", async () =>
    expect(await findingsOf(requireTlsCredential.name, secondServer({ port: { number: 15443, name: "tls-db", protocol: "TLS" }, hosts: ["db.example.com"], tls: {} }))).toEqual([]));
  it("accepts an AUTO_PASSTHROUGH server without credential", () =>
    expectCleanWith(secondServer({ port: { number: 15443, name: "tls-mesh", protocol: "TLS" }, hosts: ["*.local"], tls: { mode: "AUTO_PASSTHROUGH" } })));
  it("accepts a plain HTTP server that only redirects", () =>
    expectCleanWith(secondServer({ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["shop.example.com"], tls: { httpsRedirect: true } })));
  it("accepts a MUTUAL server whose secret also carries the client CA", () => expectCleanWith(withField(gateway(), "spec.servers[0].tls.mode", "MUTUAL")));

  it("reports a credentialNames entry no Certificate writes", async () =>
    expectViolations(await findingsOf(requireCertificate.name, withField(withField(gateway(), "spec.servers[0].tls.credentialName", undefined), "spec.servers[0].tls.credentialNames", ["shop-tls", "shop-ecdsa-tls"])), [
      { resource: label, path: "spec.servers[0].tls.credentialNames[1]", found: '"shop-ecdsa-tls"', expected: "a cert-manager Certificate in namespace istio-ingress with secretName shop-ecdsa-tls" },
    ]));
  it("reports namespace/name pointing at a namespace without the Certificate", async () =>
    expectViolations(await findingsOf(requireCertificate.name, withCredential("billing/shop-tls")), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"billing/shop-tls"', expected: "a cert-manager Certificate in namespace billing with secretName shop-tls" },
    ]));
  it("reports a terminating TLS server without a tls block", async () =>
    expectViolations(await findingsOf(requireTlsCredential.name, secondServer({ port: { number: 9443, name: "tls-api", protocol: "TLS" }, hosts: ["api.example.com"] })), [
      { resource: label, path: "spec.servers[1].tls.mode", found: "(not set)" },
      { resource: label, path: "spec.servers[1].tls.credentialName" },
    ]));
});

describe("one credential per Gateway of a workload", () => {
  const billing = (credentialName: string, selector = { istio: "ingressgateway" }) =>
    withField(withField(withField(gateway("billing", "billing-gateway"), "spec.servers[0].hosts", ["billing.example.com"]), "spec.servers[0].tls.credentialName", credentialName), "spec.selector", selector);

  it("accepts equal secret names on gateway workloads in different namespaces", () =>
    expectCleanWith(
      gatewayRelease("istio-internalgateway", "istio-internal", "internalgateway"),
      certificate("istio-internal", "shop-tls"),
      gateway(),
      billing("shop-tls", { istio: "internalgateway" }),
    ));
  it("accepts one secret shared by two gateway workloads deployed in the same namespace", () =>
    expectCleanWith(
      gatewayRelease("istio-internalgateway", "istio-ingress", "internalgateway"),
      gateway(),
      billing("shop-tls", { istio: "internalgateway" }),
    ));
  it("reports the same secret spelled ns/name by a second Gateway on the workload", async () =>
    expectViolations(await findingsOf(forbidSharedCredential.name, gateway(), billing("istio-ingress/shop-tls")), [
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].tls.credentialName", found: '"istio-ingress/shop-tls"', expected: "a secret not already used by Gateway shop/shop-gateway" },
    ]));
  it("reports the same secret spelled kubernetes://name", async () =>
    expectViolations(await findingsOf(forbidSharedCredential.name, gateway(), billing("kubernetes://shop-tls")), [
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].tls.credentialName" },
    ]));
});

describe("the egress gateway, which the mesh's sidecars call", () => {
  const egressRelease = () => gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway");
  const egressGateway = (server: Record<string, unknown>) =>
    withField(withField(gateway("istio-egress", "stripe-egress"), "spec.selector", { istio: "egressgateway" }), "spec.servers", [server]);
  const hosts = ["api.stripe.com"];

  it("accepts an HTTPS server with ISTIO_MUTUAL: workload certificates, no secret and no Certificate", () =>
    expectCleanWith(egressRelease(), egressGateway({ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "ISTIO_MUTUAL" } })));
  it("accepts a TLS PASSTHROUGH server: the application's own TLS", () =>
    expectCleanWith(egressRelease(), egressGateway({ port: { number: 443, name: "tls", protocol: "TLS" }, hosts, tls: { mode: "PASSTHROUGH" } })));
  it("reports an ISTIO_MUTUAL server that names a secret, which istiod rejects", async () =>
    expectViolations(await findingsOf(requireTlsCredential.name, egressRelease(), egressGateway({ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "ISTIO_MUTUAL", credentialName: "stripe-tls" } })), [
      { resource: "Gateway istio-egress/stripe-egress", path: "spec.servers[0].tls.credentialName", found: '"stripe-tls"' },
    ]));
  it("reports the plain HTTP server of an egress gateway: the hop from the sidecars would be in clear", async () =>
    expectViolations(await findingsOf(forbidPlaintextEgress.name, egressRelease(), egressGateway({ port: { number: 80, name: "http", protocol: "HTTP" }, hosts })), [
      { resource: "Gateway istio-egress/stripe-egress", path: "spec.servers[0].port.protocol", found: '"HTTP"' },
    ]));
});
