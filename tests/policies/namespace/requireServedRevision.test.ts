import fc from "fast-check";
import { requireServedRevision } from "../../../policy-pack/policies/namespace/requireServedRevision";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { gatewayRelease, istiodRelease, namespace, tagWebhook } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireServedRevision;
const revisioned = () => withField(withField(istiodRelease(), "values.revision", "1-30-3"), "values.revisionTags", ["stable"]);
const onRevision = (revision: string) => namespace("shop", { "istio.io/rev": revision });
const onlyRevision = (revision: string) => withField(istiodRelease(), "values.revision", revision);
const gatewayOn = (revision: string) => withField(gatewayRelease(), "values.revision", revision);

describe(policy.name, () => {
  it("passes a revision tag istiod serves", () => expectCompliant(policy, [revisioned(), onRevision("stable")]));
  it("passes the revision itself", () => expectCompliant(policy, [revisioned(), onRevision("1-30-3")]));
  it("passes default for an istiod without revision", () => expectCompliant(policy, [istiodRelease(), onRevision("default")]));
  it("passes when the stack has no istiod to compare with", () => expectCompliant(policy, [onRevision("anything")]));

  it("fails a revision istiod doesn't serve", async () =>
    expectViolations(await runPolicy(policy, [revisioned(), onRevision("canary")]), [
      { resource: "Namespace shop", path: 'metadata.labels["istio.io/rev"]', found: '"canary"', expected: "a served revision: 1-30-3, stable" },
    ]));

  it("passes a tag whose webhook the stack owns, pointing at a running revision", () =>
    expectCompliant(policy, [onlyRevision("1-30-3"), tagWebhook("prod-stable", "1-30-3"), onRevision("prod-stable"), gatewayOn("prod-stable")]));
  it("passes namespaces and gateways on two revisions while a canary runs", () =>
    expectCompliant(policy, [onlyRevision("1-30-3"), withField(onlyRevision("1-31-0"), "name", "istiod-1-31-0"), tagWebhook("prod-stable", "1-30-3"), tagWebhook("prod-canary", "1-31-0"), onRevision("prod-canary"), gatewayOn("prod-stable")]));

  it("fails a tag webhook pointing at a revision no istiod release runs, and what uses the tag", async () =>
    expectViolations(await runPolicy(policy, [onlyRevision("1-31-0"), tagWebhook("prod-stable", "1-30-3"), onRevision("prod-stable")]), [
      { resource: "MutatingWebhookConfiguration istio-revision-tag-prod-stable", path: 'metadata.labels["istio.io/rev"]', found: '"1-30-3"', expected: "a revision an istiod release runs: 1-31-0" },
      { resource: "Namespace shop", path: 'metadata.labels["istio.io/rev"]', found: '"prod-stable"', expected: "a served revision: 1-31-0" },
    ]));
  it("fails a gateway whose revision no webhook serves", async () =>
    expectViolations(await runPolicy(policy, [onlyRevision("1-30-3"), gatewayOn("prod-stable")]), [
      { resource: "Helm release istio-ingress/istio-ingressgateway", path: "values.revision", found: '"prod-stable"', expected: "a served revision: 1-30-3" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [revisioned(), onRevision("old")]);

  it("passes any served revision or tag", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.uniqueArray(kubernetesName(), { maxLength: 3 }), fc.nat(), async (revision, tags, pick) => {
        const served = [revision, ...tags];
        const istiod = withField(withField(istiodRelease(), "values.revision", revision), "values.revisionTags", tags);
        expect(await runPolicy(policy, [istiod, onRevision(served[pick % served.length])])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("passes any tag webhook pointing at a running revision, for namespaces and gateways alike", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), kubernetesName().map((name) => `tag-${name}`), async (revision, tag) => {
        expect(await runPolicy(policy, [onlyRevision(revision), tagWebhook(tag, revision), onRevision(tag), gatewayOn(tag)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any tag once its revision stops running", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), kubernetesName().map((name) => `tag-${name}`), async (revision, tag) => {
        const violations = await runPolicy(policy, [onlyRevision(`new-${revision}`), tagWebhook(tag, revision), gatewayOn(tag)]);
        expectViolations(violations, [
          { resource: `MutatingWebhookConfiguration istio-revision-tag-${tag}`, path: 'metadata.labels["istio.io/rev"]', found: JSON.stringify(revision) },
          { resource: "Helm release istio-ingress/istio-ingressgateway", path: "values.revision", found: JSON.stringify(tag) },
        ]);
      }),
      propertyRuns,
    );
  });
  it("fails any revision outside the served set", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), kubernetesName().map((name) => `old-${name}`), async (revision, stale) => {
        const istiod = withField(istiodRelease(), "values.revision", revision);
        expectViolations(await runPolicy(policy, [istiod, onRevision(stale)]), [{ resource: "Namespace shop", path: 'metadata.labels["istio.io/rev"]', found: JSON.stringify(stale) }]);
      }),
      propertyRuns,
    );
  });
});
