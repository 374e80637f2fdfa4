import fc from "fast-check";
import { requireStrictMtls } from "../../../policy-pack/policies/peerAuthentication/requireStrictMtls";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { peerAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireStrictMtls;
const label = "PeerAuthentication shop/default";
const withMode = (mode: string | undefined) => withField(peerAuthentication(), "spec.mtls", mode === undefined ? undefined : { mode });
const workload = (mode: string) => withField(withMode(mode), "spec.selector", { matchLabels: { app: "reviews" } });

describe(policy.name, () => {
  it("passes a STRICT namespace-wide policy", () => expectCompliant(policy, [peerAuthentication()]));
  it("passes a workload policy that inherits (UNSET)", () => expectCompliant(policy, [workload("UNSET")]));
  it("passes PERMISSIVE where the stack allows it (dev)", () => expectCompliant(policy, [withMode("PERMISSIVE")], { properties: { allowPermissive: true } }));
  it("leaves DISABLE to the DISABLE policy", () => expectCompliant(policy, [withMode("DISABLE")]));

  it("fails a PERMISSIVE namespace-wide policy", async () =>
    expectViolations(await runPolicy(policy, [withMode("PERMISSIVE")]), [{ resource: label, path: "spec.mtls.mode", found: '"PERMISSIVE"', expected: "STRICT" }]));
  it("fails a namespace-wide policy without mode", async () =>
    expectViolations(await runPolicy(policy, [withMode(undefined)]), [{ resource: label, path: "spec.mtls.mode", found: "(not set)", expected: "STRICT" }]));
  it("fails a PERMISSIVE port of a workload", async () =>
    expectViolations(await runPolicy(policy, [withField(workload("STRICT"), "spec.portLevelMtls", { "8080": { mode: "PERMISSIVE" } })]), [
      { resource: label, path: "spec.portLevelMtls.8080.mode", found: '"PERMISSIVE"' },
    ]));
  it("still fails an unset namespace-wide mode in dev", async () =>
    expectViolations(await runPolicy(policy, [withMode("UNSET")], { properties: { allowPermissive: true } }), [
      { resource: label, path: "spec.mtls.mode", expected: "STRICT or PERMISSIVE" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withMode("PERMISSIVE")]);

  it("passes STRICT in any namespace, with or without a selector", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.boolean(), async (ns, selected) => {
        const resource = withField(peerAuthentication(ns), "spec.selector", selected ? { matchLabels: { app: "web" } } : undefined);
        expect(await runPolicy(policy, [resource])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails PERMISSIVE on any port unless the stack allows it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 65535 }), async (port) => {
        const resource = withField(workload("STRICT"), "spec.portLevelMtls", { [port]: { mode: "PERMISSIVE" } });
        expectViolations(await runPolicy(policy, [resource]), [{ resource: label, path: `spec.portLevelMtls.${port}.mode`, found: '"PERMISSIVE"' }]);
        expect(await runPolicy(policy, [resource], { properties: { allowPermissive: true } })).toEqual([]);
      }),
      propertyRuns,
    );
  });
});
