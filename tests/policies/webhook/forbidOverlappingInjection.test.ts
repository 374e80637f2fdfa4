import fc from "fast-check";
import { forbidOverlappingInjection } from "../../../policy-pack/policies/webhook/forbidOverlappingInjection";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, kubernetesObject } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = forbidOverlappingInjection;
const service = { name: "istiod", namespace: "istio-system", path: "/inject" };
const injector = (name: string, namespaceSelector: Record<string, unknown>, client: Record<string, unknown> = service) =>
  kubernetesObject("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", undefined, name, { webhooks: [{ name: "namespace.sidecar-injector.istio.io", clientConfig: { service: client }, namespaceSelector }] });
const byRevision = (name: string, revision: string) => injector(name, { matchLabels: { "istio.io/rev": revision } });

describe(policy.name, () => {
  it("passes webhooks for different revisions, served by istiod", () => expectCompliant(policy, [istiodRelease(), byRevision("a", "stable"), byRevision("b", "canary")]));

  it("fails two webhooks injecting the same namespaces, each of them", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), byRevision("a", "stable"), byRevision("b", "stable")]), [
      { resource: "MutatingWebhookConfiguration a", path: "webhooks[0]" },
      { resource: "MutatingWebhookConfiguration b", path: "webhooks[0]" },
    ]));
  it("fails a webhook pointing at a Service the stack lacks", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), injector("a", { matchLabels: { "istio.io/rev": "stable" } }, { name: "istiod-canary", namespace: "istio-system" })]), [
      { resource: "MutatingWebhookConfiguration a", path: "webhooks[0].clientConfig.service", found: '"istio-system/istiod-canary"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [istiodRelease(), byRevision("a", "stable"), byRevision("b", "stable")]);

  it("passes webhooks for distinct revisions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), async (revisions) => {
        expect(await runPolicy(policy, [istiodRelease(), ...revisions.map((revision) => byRevision(`hook-${revision}`, revision))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails every webhook of a revision served twice", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (revision) => {
        const violations = await runPolicy(policy, [istiodRelease(), byRevision("a", revision), byRevision("b", revision)]);
        expect(violations.map((violation) => /MutatingWebhookConfiguration (\w+):/.exec(violation.message)?.[1]).sort()).toEqual(["a", "b"]);
      }),
      propertyRuns,
    );
  });
});
