import fc from "fast-check";
import { forbidMtlsDisable } from "../../../policy-pack/policies/peerAuthentication/forbidMtlsDisable";
import { propertyRuns } from "../../arbitraries/runs";
import { peerAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidMtlsDisable;
const label = "PeerAuthentication shop/default";
const selected = () => withField(peerAuthentication(), "spec.selector", { matchLabels: { app: "reviews" } });

describe(policy.name, () => {
  it("passes STRICT", () => expectCompliant(policy, [peerAuthentication()]));
  it("passes PERMISSIVE (the strict-mTLS policy judges it)", () => expectCompliant(policy, [withField(peerAuthentication(), "spec.mtls.mode", "PERMISSIVE")]));

  it("fails DISABLE for the namespace", async () =>
    expectViolations(await runPolicy(policy, [withField(peerAuthentication(), "spec.mtls.mode", "DISABLE")]), [
      { resource: label, path: "spec.mtls.mode", found: '"DISABLE"', expected: "STRICT" },
    ]));
  it("fails DISABLE on one port", async () =>
    expectViolations(await runPolicy(policy, [withField(selected(), "spec.portLevelMtls", { "9090": { mode: "DISABLE" } })]), [
      { resource: label, path: "spec.portLevelMtls.9090.mode", found: '"DISABLE"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(peerAuthentication(), "spec.mtls.mode", "DISABLE")]);

  it("passes any mix of non-DISABLE modes on ports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.integer({ min: 1, max: 65535 }).map(String), fc.constantFrom("STRICT", "PERMISSIVE", "UNSET").map((mode) => ({ mode }))), async (ports) => {
        expect(await runPolicy(policy, [withField(selected(), "spec.portLevelMtls", ports)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails DISABLE on any port", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 65535 }), async (port) => {
        expectViolations(await runPolicy(policy, [withField(selected(), "spec.portLevelMtls", { [port]: { mode: "DISABLE" } })]), [
          { resource: label, path: `spec.portLevelMtls.${port}.mode`, found: '"DISABLE"' },
        ]);
      }),
      propertyRuns,
    );
  });
});
