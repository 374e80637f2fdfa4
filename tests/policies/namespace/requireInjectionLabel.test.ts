import fc from "fast-check";
import { requireInjectionLabel } from "../../../policy-pack/policies/namespace/requireInjectionLabel";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireInjectionLabel;

describe(policy.name, () => {
  it("passes an injected namespace", () => expectCompliant(policy, [namespace()]));
  it("passes a namespace that opts out", () => expectCompliant(policy, [namespace("tools", { "istio-injection": "disabled" })]));
  it("passes an ambient namespace", () => expectCompliant(policy, [namespace("tools", { "istio.io/dataplane-mode": "ambient" })]));
  it("passes istio-system and kube-system", () => expectCompliant(policy, [namespace("istio-system", {}), namespace("kube-system", {})]));

  it("fails an unlabelled namespace (IST0102)", async () => {
    const violations = await runPolicy(policy, [namespace("tools", {})]);
    expectViolations(violations, [{ resource: "Namespace tools", path: "metadata.labels", found: "{}", expected: "istio-injection: enabled or disabled, or istio.io/rev: <revision>" }]);
    expect(violations[0].message.endsWith("(istioctl IST0102)")).toBe(true);
  });
  it("fails an unlabelled namespace that istiod injects by default (IST0148)", async () => {
    const violations = await runPolicy(policy, [withField(istiodRelease(), "values.sidecarInjectorWebhook", { enableNamespacesByDefault: true }), namespace("tools", {})]);
    expect(violations[0].message).toContain("(istiod injects unlabelled namespaces: enableNamespacesByDefault)");
    expect(violations[0].message.endsWith("(istioctl IST0148)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [namespace("tools", {})]);

  it("passes any namespace with an injection or revision label", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.oneof(fc.constantFrom("enabled", "disabled").map((value) => ({ "istio-injection": value })), kubernetesName().map((rev) => ({ "istio.io/rev": rev }))), async (name, labels) => {
        expect(await runPolicy(policy, [namespace(name, labels)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any other namespace without one", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName().filter((name) => !["istio-system", "kube-system", "kube-public", "kube-node-lease", "local-path-storage"].includes(name)), async (name) => {
        expectViolations(await runPolicy(policy, [namespace(name, { team: "a" })]), [{ resource: `Namespace ${name}`, path: "metadata.labels" }]);
      }),
      propertyRuns,
    );
  });
});
