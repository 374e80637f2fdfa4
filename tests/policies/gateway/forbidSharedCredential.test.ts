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

  it("fails a second Gateway on the same workload reusing a secret", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), second("shop-tls")]), [
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].tls.credentialName", found: '"shop-tls"', expected: "a secret not already used by Gateway shop/shop-gateway" },
    ]));

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
          { resource: `Gateway z-${extra}/copy`, path: "spec.servers[0].tls.credentialName", found: `"${ns}-tls"`, expected: `a secret not already used by Gateway ${ns}/public` },
        ]);
      }),
      propertyRuns,
    );
  });
});
