import fc from "fast-check";
import { forbidOverlappingSelectors } from "../../../policy-pack/policies/telemetry/forbidOverlappingSelectors";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidOverlappingSelectors;
const selecting = (name: string, labels: Record<string, string>) => withField(telemetry("shop", name), "spec.selector", { matchLabels: labels });

describe(policy.name, () => {
  it("passes Telemetries selecting different pods", () =>
    expectCompliant(policy, [deployment("shop", "a", { app: "a" }), deployment("shop", "b", { app: "b" }), selecting("ta", { app: "a" }), selecting("tb", { app: "b" })]));

  it("fails both Telemetries selecting one pod", async () =>
    expectViolations(await runPolicy(policy, [deployment(), selecting("a", { app: "reviews" }), selecting("b", { version: "v1" })]), [
      { resource: "Telemetry shop/a", path: "spec.selector.matchLabels", expected: "a selector no other Telemetry shares (a, b all select Deployment shop/reviews-v1)" },
      { resource: "Telemetry shop/b", path: "spec.selector.matchLabels" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [deployment(), selecting("a", { app: "reviews" }), selecting("b", { app: "reviews" })]);

  it("passes one Telemetry per pod", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), async (apps) => {
        expect(await runPolicy(policy, apps.flatMap((app) => [deployment("shop", app, { app }), selecting(`t-${app}`, { app })]))).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails every one of several Telemetries selecting the same pod", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 2, maxLength: 4 }), async (names) => {
        const violations = await runPolicy(policy, [deployment(), ...names.map((name) => selecting(name, { app: "reviews" }))]);
        expect(violations.map((violation) => /Telemetry shop\/([^:]+):/.exec(violation.message)?.[1]).sort()).toEqual([...names].sort());
      }),
      propertyRuns,
    );
  });
});
