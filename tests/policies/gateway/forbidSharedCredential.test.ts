import fc from "fast-check";
import { forbidSharedCredential } from "../../../policy-pack/policies/gateway/forbidSharedCredential";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, gatewayRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = forbidSharedCredential;
const second = (credentialName: string) =>
  withField(withField(gateway("billing", "billing-gateway"), "spec.servers[0].tls.credentialName", credentialName), "spec.servers[0].hosts", ["billing.example.com"]);

describe(policy.name, () => {
  it("passes Gateways with their own secrets", () => expectCompliant(policy, [gatewayRelease(), gateway(), second("billing-tls")]));
  it("passes one Gateway using its secret on two servers", () =>
    expectCompliant(policy, [withField(gateway(), "spec.servers[1]", { port: { number: 8443, name: "alt", protocol: "HTTPS" }, hosts: ["shop.example.com"], tls: { mode: "SIMPLE", credentialName: "shop-tls" } })]));
  it("passes equal secret names on different gateway workloads", () =>
    expectCompliant(policy, [
      gatewayRelease(),
      gatewayRelease("istio-internal", "istio-internal", "internal"),
      gateway(),
      withField(second("shop-tls"), "spec.selector", { istio: "internal" }),
    ]));

  it("fails both Gateways on the same workload sharing a secret", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), second("shop-tls")]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.credentialName", found: '"istio-ingress/shop-tls"', expected: "a certificate no other Gateway of these pods presents (Gateway billing/billing-gateway too)" },
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].tls.credentialName", found: '"istio-ingress/shop-tls"', expected: "a certificate no other Gateway of these pods presents (Gateway shop/shop-gateway too)" },
    ]));
  it("fails only the Gateway whose selector the other's contains (istioctl compares selectors one way)", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), withField(second("shop-tls"), "spec.selector", { istio: "ingressgateway", app: "istio-ingressgateway" })]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.credentialName" },
    ]));
  it("fails the same certificate and key files on two Gateways", async () => {
    const files = (resource: ReturnType<typeof gateway>) =>
      withField(resource, "spec.servers[0].tls", { mode: "SIMPLE", serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" });
    expectViolations(await runPolicy(policy, [files(gateway()), files(second("unused"))]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.serverCertificate" },
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].tls.serverCertificate" },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [gatewayRelease(), gateway(), second("shop-tls")]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once one Gateway reuses another's secret", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName(), async ({ namespaces, resources }, extra) => {
        const ns = namespaces[0];
        const copy = withField(withField(gateway(`z-${extra}`, "copy"), "spec.servers[0].tls.credentialName", `${ns}-tls`), "spec.servers[0].hosts", [`${extra}.example.net`]);
        const broken = withResourceField([...resources, copy], "Gateway", `z-${extra}-copy`, "spec.selector", { istio: "ingressgateway" });
        expectViolations(await runPolicy(policy, broken), [
          { resource: `Gateway ${ns}/public`, path: "spec.servers[0].tls.credentialName", expected: `a certificate no other Gateway of these pods presents (Gateway z-${extra}/copy too)` },
          { resource: `Gateway z-${extra}/copy`, path: "spec.servers[0].tls.credentialName", expected: `a certificate no other Gateway of these pods presents (Gateway ${ns}/public too)` },
        ]);
      }),
      propertyRuns,
    );
  });
});
