import fc from "fast-check";
import { requireIstiodAnalysis } from "../../../policy-pack/policies/helmRelease/requireIstiodAnalysis";
import { argocdTeamObjects } from "../../arbitraries/argocdObjects";
import { propertyRuns } from "../../arbitraries/runs";
import { application, appProject } from "../../support/argocdFactories";
import { istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireIstiodAnalysis;
const analyzing = () => withField(istiodRelease(), "values.global", { istiod: { enableAnalysis: true } });

describe(policy.name, () => {
  it("passes istiod with analysis on while Applications may sync Istio objects", () => expectCompliant(policy, [analyzing(), appProject(), application()]));
  it("passes analysis switched on through istiod's env", () => expectCompliant(policy, [withField(istiodRelease(), "values.env.PILOT_ENABLE_ANALYSIS", "true"), appProject(), application()]));
  it("passes istiod without analysis in a stack without Applications", () => expectCompliant(policy, [istiodRelease(), appProject()]));
  it("passes Applications whose project permits no Istio kind", () =>
    expectCompliant(policy, [istiodRelease(), withField(appProject(), "spec.namespaceResourceWhitelist", [{ group: "apps", kind: "Deployment" }]), application()]));

  it("fails istiod without analysis while Applications may sync Istio objects", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), appProject(), application()]), [
      { resource: "Helm release istio-system/istiod", path: "values.global.istiod.enableAnalysis", found: "(not set)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [istiodRelease(), appProject(), application()]);

  it("passes every generated team while istiod analyzes", async () => {
    await fc.assert(fc.asyncProperty(argocdTeamObjects(), async ({ project, applications }) => expect(await runPolicy(policy, [analyzing(), project, ...applications])).toEqual([])), propertyRuns);
  });
  it("fails once per istiod release without analysis for every generated team", async () => {
    await fc.assert(
      fc.asyncProperty(argocdTeamObjects(), async ({ project, applications }) =>
        expectViolations(await runPolicy(policy, [istiodRelease(), project, ...applications]), [{ resource: "Helm release istio-system/istiod", path: "values.global.istiod.enableAnalysis" }]),
      ),
      propertyRuns,
    );
  });
});
