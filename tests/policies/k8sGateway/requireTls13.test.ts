import fc from "fast-check";
import { requireTls13 } from "../../../policy-pack/policies/k8sGateway/requireTls13";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway, istiodRelease, istiodReleaseWithTlsDefaults } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireTls13;
const label = "Gateway (gateway.networking.k8s.io) istio-ingress/ingress";

describe(policy.name, () => {
  it("passes an HTTPS listener while istiod's tlsDefaults require TLS 1.3", () => expectCompliant(policy, [gatewayApiGateway(), istiodReleaseWithTlsDefaults()]));
  it("passes a Gateway of another class, which istiod does not program", () => expectCompliant(policy, [withField(gatewayApiGateway(), "spec.gatewayClassName", "other"), istiodRelease()]));
  it("passes a Gateway with plain HTTP only", () => expectCompliant(policy, [withField(gatewayApiGateway(), "spec.listeners", [{ name: "http", port: 80, protocol: "HTTP" }]), istiodRelease()]));

  it("passes an HTTPS listener while istiod sets no TLS minimum (Envoy accepts TLS 1.2 and 1.3, as chosen)", () => expectCompliant(policy, [gatewayApiGateway(), istiodRelease()]));
  it("fails TLS 1.2 as the mesh-wide minimum", async () =>
    expectViolations(await runPolicy(policy, [gatewayApiGateway(), istiodReleaseWithTlsDefaults("TLSV1_2")]), [
      { resource: label, path: "spec.listeners[0].tls", found: '"listener https-shop with istiod tlsDefaults.minProtocolVersion TLSV1_2"', expected: "istiod's meshConfig.tlsDefaults.minProtocolVersion TLSV1_3" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayApiGateway(), istiodReleaseWithTlsDefaults("TLSV1_2")]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once istiod's minimum is set to anything but TLS 1.3", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), fc.constantFrom("TLSV1_2", "TLSV1_1", "TLS_AUTO"), async ({ resources }, version) => {
        const broken = withResourceField(resources, "Release", "istiod", "values.meshConfig.tlsDefaults.minProtocolVersion", version);
        expectViolations(await runPolicy(policy, broken), [{ resource: label, path: "spec.listeners[0].tls", expected: "istiod's meshConfig.tlsDefaults.minProtocolVersion TLSV1_3" }]);
      }),
      sameValuesRuns,
    );
  });
});
