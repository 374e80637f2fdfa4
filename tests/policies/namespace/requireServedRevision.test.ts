import fc from "fast-check";
import { requireServedRevision } from "../../../policy-pack/policies/namespace/requireServedRevision";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, namespace } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireServedRevision;
const revisioned = () => withField(withField(istiodRelease(), "values.revision", "1-30-3"), "values.revisionTags", ["stable"]);
const onRevision = (revision: string) => namespace("shop", { "istio.io/rev": revision });

describe(policy.name, () => {
  it("passes a revision tag istiod serves", () => expectCompliant(policy, [revisioned(), onRevision("stable")]));
  it("passes the revision itself", () => expectCompliant(policy, [revisioned(), onRevision("1-30-3")]));
  it("passes default for an istiod without revision", () => expectCompliant(policy, [istiodRelease(), onRevision("default")]));
  it("passes when the stack has no istiod to compare with", () => expectCompliant(policy, [onRevision("anything")]));

  it("fails a revision istiod doesn't serve", async () =>
    expectViolations(await runPolicy(policy, [revisioned(), onRevision("canary")]), [
      { resource: "Namespace shop", path: 'metadata.labels["istio.io/rev"]', found: '"canary"', expected: "a served revision: 1-30-3, stable" },
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
