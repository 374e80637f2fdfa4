import fc from "fast-check";
import { forbidConflictingInjectionLabels } from "../../../policy-pack/policies/namespace/forbidConflictingInjectionLabels";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = forbidConflictingInjectionLabels;

describe(policy.name, () => {
  it("passes istio-injection enabled", () => expectCompliant(policy, [namespace()]));
  it("passes istio-injection disabled", () => expectCompliant(policy, [namespace("legacy", { "istio-injection": "disabled" })]));
  it("passes a revision label alone", () => expectCompliant(policy, [namespace("shop", { "istio.io/rev": "stable" })]));
  it("passes a namespace without labels", () => expectCompliant(policy, [namespace("tools", {})]));

  it("fails both labels (istioctl IST0123)", async () =>
    expectViolations(await runPolicy(policy, [namespace("shop", { "istio-injection": "enabled", "istio.io/rev": "stable" })]), [
      { resource: "Namespace shop", path: "metadata.labels", found: '["istio-injection=enabled","istio.io/rev=stable"]', expected: "only one of istio-injection, istio.io/rev or istio.io/dataplane-mode" },
    ]));
  it("fails a revision next to ambient mode (istioctl IST0123)", async () =>
    expectViolations(await runPolicy(policy, [namespace("shop", { "istio.io/rev": "stable", "istio.io/dataplane-mode": "ambient" })]), [
      { resource: "Namespace shop", path: "metadata.labels", found: '["istio.io/rev=stable","istio.io/dataplane-mode=ambient"]' },
    ]));
  it("fails istio-injection disabled next to a revision, which istioctl lets pass", async () => {
    const [violation] = await runPolicy(policy, [namespace("shop", { "istio-injection": "disabled", "istio.io/rev": "stable" })]);
    expect(violation.message).toContain('Namespace shop: metadata.labels found {"istio-injection":"disabled","istio.io/rev":"stable"}, expected only one of istio-injection or istio.io/rev');
    expect(violation.message.endsWith("(stricter than istioctl)")).toBe(true);
  });
  it("fails istio-injection true", async () =>
    expectViolations(await runPolicy(policy, [namespace("shop", { "istio-injection": "true" })]), [
      { resource: "Namespace shop", path: 'metadata.labels["istio-injection"]', found: '"true"', expected: "enabled or disabled" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [namespace("shop", { "istio-injection": "yes" })]);

  it("passes any single valid injection label", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.oneof(fc.constantFrom("enabled", "disabled").map((v) => ({ "istio-injection": v })), kubernetesName().map((rev) => ({ "istio.io/rev": rev }))), async (name, labels) => {
        expect(await runPolicy(policy, [namespace(name, labels)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any namespace carrying both labels", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.constantFrom("enabled", "disabled"), kubernetesName(), async (name, injection, revision) => {
        expectViolations(await runPolicy(policy, [namespace(name, { "istio-injection": injection, "istio.io/rev": revision })]), [
          { resource: `Namespace ${name}`, path: "metadata.labels", expected: injection === "enabled" ? "only one of istio-injection, istio.io/rev or istio.io/dataplane-mode" : "only one of istio-injection or istio.io/rev" },
        ]);
      }),
      propertyRuns,
    );
  });
});
