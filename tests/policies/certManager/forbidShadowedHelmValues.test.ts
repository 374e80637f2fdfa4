import fc from "fast-check";
import { forbidShadowedHelmValues } from "../../../policy-pack/policies/certManager/forbidShadowedHelmValues";
import { propertyRuns } from "../../arbitraries/runs";
import { typedCertManagerEntry } from "../../arbitraries/typedCertManagerEntry";
import { untypedCertManagerValues } from "../../arbitraries/untypedCertManagerValues";
import { certManager } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidShadowedHelmValues;
const component = "CertManager cert-manager";
const webhook = { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } };

describe(policy.name, () => {
  it("passes crds and the controller's podDisruptionBudget in helmOptions.values, webhook and cainjector typed", () =>
    expectCompliant(policy, [
      withField(
        withField(withField(certManager(), "helmOptions.values", { crds: { enabled: true }, podDisruptionBudget: { enabled: true } }), "webhook", { replicaCount: 2 }),
        "cainjector",
        { replicaCount: 2 },
      ),
    ]));

  it("fails the webhook block set in helmOptions.values, where the unset typed webhook input replaces it", async () =>
    expectViolations(await runPolicy(policy, [withField(certManager(), "helmOptions.values.webhook", webhook)]), [
      { resource: component, path: "helmOptions.values.webhook", found: JSON.stringify(webhook), expected: "nothing here: the component replaces it with its typed `webhook` input" },
    ]));

  it("fails a typed key in helmOptions.values even when the typed input is also set (the typed one wins whole)", async () =>
    expectViolations(await runPolicy(policy, [withField(withField(certManager(), "helmOptions.values.cainjector", webhook), "cainjector", { replicaCount: 1 })]), [
      { resource: component, path: "helmOptions.values.cainjector" },
    ]));

  it("names each shadowed key on its own", async () =>
    expectViolations(await runPolicy(policy, [withField(certManager(), "helmOptions.values", { prometheus: { enabled: false }, crds: {}, startupapicheck: { enabled: false } })]), [
      { resource: component, path: "helmOptions.values.prometheus" },
      { resource: component, path: "helmOptions.values.startupapicheck" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(certManager(), "helmOptions.values.webhook", webhook)]);

  it("passes any helmOptions.values made of keys the component does not type", async () => {
    await fc.assert(
      fc.asyncProperty(untypedCertManagerValues(), async (values) => {
        expect(await runPolicy(policy, [withField(certManager(), "helmOptions.values", values)])).toEqual([]);
      }),
      propertyRuns,
    );
  });

  it("fails any typed key added to them, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(untypedCertManagerValues(), typedCertManagerEntry(), async (values, [key, value]) => {
        expectViolations(await runPolicy(policy, [withField(certManager(), "helmOptions.values", { ...values, [key]: value })]), [
          { resource: component, path: `helmOptions.values.${key}`, found: JSON.stringify(value) },
        ]);
      }),
      propertyRuns,
    );
  });
});
