import fc from "fast-check";
import { forbidOverlappingSelectors } from "../../../policy-pack/policies/sidecar/forbidOverlappingSelectors";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, pod, sidecar } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidOverlappingSelectors;
const selecting = (name: string, labels: Record<string, string>) => withField(sidecar("shop", name), "spec.workloadSelector", { labels });

describe(policy.name, () => {
  it("passes Sidecars selecting different pods", () =>
    expectCompliant(policy, [deployment("shop", "reviews-v1", { app: "reviews" }), deployment("shop", "ratings", { app: "ratings" }), selecting("a", { app: "reviews" }), selecting("b", { app: "ratings" })]));

  it("fails both Sidecars selecting one pod (IST0110)", async () =>
    expectViolations(await runPolicy(policy, [deployment(), selecting("a", { app: "reviews" }), selecting("b", { version: "v1" })]), [
      { resource: "Sidecar shop/a", path: "spec.workloadSelector.labels", expected: "a selector no other Sidecar shares (a, b all select Deployment shop/reviews-v1)" },
      { resource: "Sidecar shop/b", path: "spec.workloadSelector.labels" },
    ]));
  it("fails a Sidecar selecting an ambient pod (IST0167)", async () => {
    const ambient = withField(pod("shop", "reviews-v1"), "metadata.annotations", { "ambient.istio.io/redirection": "enabled" });
    const violations = await runPolicy(policy, [ambient, selecting("a", { app: "reviews" })]);
    expectViolations(violations, [{ resource: "Sidecar shop/a", path: "spec.workloadSelector.labels", expected: "a selector of sidecar pods (Pod shop/reviews-v1 runs in ambient mode" }]);
    expect(violations[0].message.endsWith("(istioctl IST0167)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [deployment(), selecting("a", { app: "reviews" }), selecting("b", { app: "reviews" })]);

  it("passes one Sidecar per pod, whatever the labels", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), async (apps) => {
        const resources = apps.flatMap((app) => [deployment("shop", app, { app }), selecting(`sc-${app}`, { app })]);
        expect(await runPolicy(policy, resources)).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails every one of several Sidecars selecting the same pod", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 2, maxLength: 4 }), async (names) => {
        const violations = await runPolicy(policy, [deployment(), ...names.map((name) => selecting(name, { app: "reviews" }))]);
        expect(violations.map((violation) => /Sidecar shop\/([^:]+):/.exec(violation.message)?.[1]).sort()).toEqual([...names].sort());
      }),
      propertyRuns,
    );
  });
});
