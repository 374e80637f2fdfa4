import fc from "fast-check";
import { requireCertificate } from "../../../policy-pack/policies/k8sGateway/requireCertificate";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { sameValuesRuns } from "../../arbitraries/runs";
import { certificate, gatewayApiGateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireCertificate;
const label = "Gateway (gateway.networking.k8s.io) istio-ingress/ingress";

describe(policy.name, () => {
  it("passes an HTTPS listener whose Secret a Certificate writes in the Gateway's namespace", () => expectCompliant(policy, [gatewayApiGateway(), certificate()]));
  it("passes a TLS passthrough listener, which terminates nothing", () =>
    expectCompliant(policy, [withField(withField(gatewayApiGateway(), "spec.listeners[0].protocol", "TLS"), "spec.listeners[0].tls", { mode: "Passthrough" })]));

  it("fails a Secret no Certificate writes", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), certificate("istio-ingress", "other-tls")]), [
      { resource: label, path: "spec.listeners[0].tls.certificateRefs[0].name", found: '"shop-tls"', expected: "a Secret a cert-manager Certificate in istio-ingress writes (none has secretName shop-tls)" },
    ]));
  it("fails a Certificate written into another namespace than the Gateway's", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), certificate("shop")]), [{ resource: label, path: "spec.listeners[0].tls.certificateRefs[0].name" }]));
  it("fails a Secret referenced in another namespace", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiGateway(), "spec.listeners[0].tls.certificateRefs[0].namespace", "shop"), certificate("shop")]), [
      { resource: label, path: "spec.listeners[0].tls.certificateRefs[0]", found: '"Secret shop/shop-tls"', expected: "a Secret in the Gateway's namespace istio-ingress" },
    ]));
  it("fails an HTTPS listener without certificateRefs", async () =>
    expectViolations(await runPolicy(policy, [withField(gatewayApiGateway(), "spec.listeners[0].tls", { mode: "Terminate" })]), [
      { resource: label, path: "spec.listeners[0].tls.certificateRefs", found: "(not set)", expected: "a Secret for listener https-shop" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayApiGateway()]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once a listener names a Secret no Certificate writes", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), kubernetesName().map((name) => `missing-${name}`), async ({ resources }, secret) => {
        const broken = withResourceField(resources, "Gateway", "istio-ingress-ingress", "spec.listeners[0].tls.certificateRefs[0].name", secret);
        expectViolations(await runPolicy(policy, broken), [{ resource: label, path: "spec.listeners[0].tls.certificateRefs[0].name", found: JSON.stringify(secret) }]);
      }),
      sameValuesRuns,
    );
  });
});
