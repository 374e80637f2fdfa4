import fc from "fast-check";
import { requireServerVerification } from "../../../policy-pack/policies/destinationRule/requireServerVerification";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireServerVerification;
const external = (tls: Record<string, unknown>) => withField(withField(destinationRule(), "spec.host", "api.example.com"), "spec.trafficPolicy.tls", tls);

describe(policy.name, () => {
  it("passes SIMPLE origination with a CA bundle", () => expectCompliant(policy, [external({ mode: "SIMPLE", sni: "api.example.com", caCertificates: "/etc/ca.pem" })]));
  it("passes SIMPLE origination with insecureSkipVerify false", () => expectCompliant(policy, [external({ mode: "SIMPLE", insecureSkipVerify: false })]));
  it("passes ISTIO_MUTUAL", () => expectCompliant(policy, [destinationRule()]));

  it("fails SIMPLE origination that skips verification", async () =>
    expectViolations(await runPolicy(policy, [external({ mode: "SIMPLE", insecureSkipVerify: true })]), [
      { resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.tls.insecureSkipVerify", found: "true", expected: "false or not set" },
    ]));
  it("fails MUTUAL origination on a port that skips verification", async () => {
    const portLevel = [{ port: { number: 8443 }, tls: { mode: "MUTUAL", credentialName: "client", insecureSkipVerify: true } }];
    expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.trafficPolicy.portLevelSettings", portLevel)]), [
      { resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.portLevelSettings[0].tls.insecureSkipVerify", found: "true" },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [external({ mode: "SIMPLE", insecureSkipVerify: true })]);

  it("passes any originating rule that verifies the server", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.constantFrom("SIMPLE", "MUTUAL"), fc.constantFrom(false, undefined), async (host, mode, skip) => {
        const tls = { mode, sni: host, ...(skip === undefined ? {} : { insecureSkipVerify: skip }) };
        expect(await runPolicy(policy, [withField(external(tls), "spec.host", host)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any originating rule that skips verification", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.constantFrom("SIMPLE", "MUTUAL"), async (host, mode) => {
        expectViolations(await runPolicy(policy, [withField(external({ mode, sni: host, insecureSkipVerify: true }), "spec.host", host)]), [
          { resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.tls.insecureSkipVerify", found: "true" },
        ]);
      }),
      propertyRuns,
    );
  });
});
