import fc from "fast-check";
import { requireEnvironmentSyncPolicy } from "../../../policy-pack/policies/application/requireEnvironmentSyncPolicy";
import { propertyRuns } from "../../arbitraries/runs";
import { application, applicationSet } from "../../support/argocdFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = requireEnvironmentSyncPolicy;
const production = { properties: { production: true } };

describe(policy.name, () => {
  it("passes automated sync with prune and self-heal outside production", () => expectCompliant(policy, [application()]));
  it("passes manual sync (no automated) in production", () => expectCompliant(policy, [application("storefront", null)], production));
  it("passes a production ApplicationSet whose template syncs manually", () => expectCompliant(policy, [applicationSet(null)], production));

  it("fails automated sync in production", async () =>
    expectViolations(await runPolicy(policy, [application()], production), [{ resource: "Application argocd/storefront", path: "spec.syncPolicy.automated", expected: "no automated sync in a production stack" }]));
  it("fails manual sync outside production", async () =>
    expectViolations(await runPolicy(policy, [application("storefront", null)]), [{ resource: "Application argocd/storefront", path: "spec.syncPolicy.automated", found: "(not set)" }]));
  it("fails automated sync switched off outside production", async () =>
    expectViolations(await runPolicy(policy, [application("storefront", { automated: { enabled: false, prune: true, selfHeal: true } })]), [{ resource: "Application argocd/storefront", path: "spec.syncPolicy.automated" }]));
  it("fails automated sync without self-heal outside production", async () =>
    expectViolations(await runPolicy(policy, [application("storefront", { automated: { prune: true } })]), [{ resource: "Application argocd/storefront", path: "spec.syncPolicy.automated.selfHeal", found: "(not set)", expected: "true in a non-production stack" }]));
  it("fails a production ApplicationSet whose template syncs automatically", async () =>
    expectViolations(await runPolicy(policy, [applicationSet()], production), [{ resource: "ApplicationSet argocd/storefront-envs", path: "spec.template.spec.syncPolicy.automated" }]));

  itReportsAtConfiguredLevels(policy, () => [application()], { production: true });

  const automated = fc.record({ prune: fc.option(fc.boolean(), { nil: undefined }), selfHeal: fc.option(fc.boolean(), { nil: undefined }) });
  it("outside production any automated sync passes exactly when both prune and selfHeal are true", async () => {
    await fc.assert(
      fc.asyncProperty(automated, async (settings) => {
        const violations = await runPolicy(policy, [application("storefront", { automated: settings })]);
        const missing = (["prune", "selfHeal"] as const).filter((field) => settings[field] !== true);
        expectViolations(violations, missing.map((field) => ({ resource: "Application argocd/storefront", path: `spec.syncPolicy.automated.${field}` })));
      }),
      propertyRuns,
    );
  });
  it("in production any automated sync fails and any sync policy without it passes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(automated, { nil: undefined }), fc.boolean(), async (settings, retry) => {
        const syncPolicy = { ...(settings === undefined ? {} : { automated: settings }), ...(retry ? { retry: { limit: 3 } } : {}) };
        expect((await runPolicy(policy, [application("storefront", syncPolicy)], production)).length).toBe(settings === undefined ? 0 : 1);
      }),
      propertyRuns,
    );
  });
});
