import fc from "fast-check";
import { requireCertificate } from "../../../policy-pack/policies/gateway/requireCertificate";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { certificate, gateway, gatewayRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireCertificate;
const label = "Gateway shop/shop-gateway";

describe(policy.name, () => {
  it("passes a Certificate in the gateway release's namespace", () => expectCompliant(policy, [gatewayRelease(), gateway(), certificate()]));
  it("passes a Certificate in the Gateway's namespace when no release matches its selector", () =>
    expectCompliant(policy, [gateway(), certificate("shop")]));
  it("passes an egress gateway whose release lives elsewhere", () =>
    expectCompliant(policy, [
      gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway"),
      withField(gateway(), "spec.selector", { istio: "egressgateway" }),
      certificate("istio-egress"),
    ]));
  it("passes an ISTIO_MUTUAL server, which serves the workload certificate and names no secret", () =>
    expectCompliant(policy, [
      gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway"),
      withField(withField(gateway(), "spec.selector", { istio: "egressgateway" }), "spec.servers[0].tls", { mode: "ISTIO_MUTUAL" }),
    ]));

  it("fails a Certificate in the Gateway's namespace instead of the workload's", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), certificate("shop")]), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"shop-tls"', expected: "a cert-manager Certificate in namespace istio-ingress with secretName shop-tls" },
    ]));
  it("fails a Certificate that writes a different secret", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), certificate("istio-ingress", "shop-tls-v2")]), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"shop-tls"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayRelease(), gateway()]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once a Gateway names a secret no Certificate writes", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName().map((name) => `missing-${name}`), async ({ namespaces, resources }, secret) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "Gateway", `${ns}-public`, "spec.servers[0].tls.credentialName", secret);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `Gateway ${ns}/public`, path: "spec.servers[0].tls.credentialName", found: JSON.stringify(secret), expected: `a cert-manager Certificate in namespace istio-ingress with secretName ${secret}` },
        ]);
      }),
      propertyRuns,
    );
  });
});
