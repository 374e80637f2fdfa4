import fc from "fast-check";
import { requireCaCertificates } from "../../../policy-pack/policies/destinationRule/requireCaCertificates";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireCaCertificates;
const originating = (tls: Record<string, unknown>) => istioResource("DestinationRule", "shop", "payments", { host: "api.payments.example.com", trafficPolicy: { tls } });

describe(policy.name, () => {
  it("passes SIMPLE with caCertificates", () => expectCompliant(policy, [originating({ mode: "SIMPLE", caCertificates: "/etc/certs/ca.pem" })]));
  it("passes a credentialName on a rule with a workloadSelector", () =>
    expectCompliant(policy, [withField(originating({ mode: "MUTUAL", credentialName: "client-cert" }), "spec.workloadSelector", { matchLabels: { app: "egress" } })]));
  it("passes ISTIO_MUTUAL", () => expectCompliant(policy, [originating({ mode: "ISTIO_MUTUAL" })]));
  it("passes the system CA bundle where the stack accepts it", () => expectCompliant(policy, [originating({ mode: "SIMPLE" })], { properties: { acceptSystemCaBundle: true } }));

  it("fails SIMPLE without caCertificates (IST0128)", async () => {
    const violations = await runPolicy(policy, [originating({ mode: "SIMPLE" })]);
    expectViolations(violations, [{ resource: "DestinationRule shop/payments", path: "spec.trafficPolicy.tls.caCertificates", expected: "the CA that verifies api.payments.example.com (mode SIMPLE)" }]);
    expect(violations[0].message.endsWith("(istioctl IST0128)")).toBe(true);
  });
  it("fails a port-level MUTUAL without caCertificates (IST0129)", async () => {
    const resource = istioResource("DestinationRule", "shop", "payments", { host: "api.payments.example.com", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "MUTUAL" } }] } });
    const violations = await runPolicy(policy, [resource]);
    expectViolations(violations, [{ resource: "DestinationRule shop/payments", path: "spec.trafficPolicy.portLevelSettings[0].tls.caCertificates" }]);
    expect(violations[0].message.endsWith("(istioctl IST0129)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [originating({ mode: "SIMPLE" })]);

  it("passes any originating mode with caCertificates", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom("SIMPLE", "MUTUAL"), fc.stringMatching(/^\/[a-z]{1,8}\.pem$/), async (mode, file) => expect(await runPolicy(policy, [originating({ mode, caCertificates: file })])).toEqual([])), propertyRuns);
  });
  it("fails any originating mode without them, on every port that originates", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("SIMPLE", "MUTUAL"), fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 }), async (mode, ports) => {
        const resource = istioResource("DestinationRule", "shop", "payments", { host: "api.payments.example.com", trafficPolicy: { portLevelSettings: ports.map((number) => ({ port: { number }, tls: { mode } })) } });
        expect(await runPolicy(policy, [resource])).toHaveLength(ports.length);
      }),
      propertyRuns,
    );
  });
});
