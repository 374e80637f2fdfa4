import fc from "fast-check";
import { requireProjectPermission } from "../../../policy-pack/policies/application/requireProjectPermission";
import { argocdTeamObjects } from "../../arbitraries/argocdObjects";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { application, appProject, repository } from "../../support/argocdFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireProjectPermission;

describe(policy.name, () => {
  it("passes an Application inside its project", () => expectCompliant(policy, [appProject(), application()]));
  it("passes the repository written without .git, as Argo CD compares them", () => expectCompliant(policy, [appProject(), withField(application(), "spec.source.repoURL", repository.replace(/\.git$/, ""))]));
  it("passes a namespace a glob destination covers", () => expectCompliant(policy, [withField(appProject(), "spec.destinations", [{ server: "*", namespace: "shop-*" }]), withField(application(), "spec.destination.namespace", "shop-eu")]));

  it("fails a destination namespace that is not the team's", async () =>
    expectViolations(await runPolicy(policy, [appProject(), withField(application(), "spec.destination.namespace", "billing")]), [
      { resource: "Application argocd/storefront", path: "spec.destination", expected: "a destination AppProject storefront permits (destinations)" },
    ]));
  it("fails a repository the project does not list", async () =>
    expectViolations(await runPolicy(policy, [appProject(), withField(application(), "spec.source.repoURL", "https://github.com/example/other.git")]), [
      { resource: "Application argocd/storefront", path: "spec.source.repoURL", found: '"https://github.com/example/other.git"' },
    ]));
  it("fails one of several sources", async () =>
    expectViolations(await runPolicy(policy, [appProject(), withField(application(), "spec.sources", [{ repoURL: "https://charts.example.com" }])]), [{ resource: "Application argocd/storefront", path: "spec.sources[0].repoURL" }]));
  it("fails a namespace a ! pattern denies", async () =>
    expectViolations(await runPolicy(policy, [withField(appProject(), "spec.destinations", [{ server: "*", namespace: "*" }, { server: "*", namespace: "!shop" }]), application()]), [{ resource: "Application argocd/storefront", path: "spec.destination" }]));
  it("fails a project the stack does not declare", async () =>
    expectViolations(await runPolicy(policy, [withField(application(), "spec.project", "default")]), [{ resource: "Application argocd/storefront", path: "spec.project", found: '"default"' }]));

  itReportsAtConfiguredLevels(policy, () => [appProject(), withField(application(), "spec.destination.namespace", "billing")]);

  it("passes every generated team whose Applications deploy into its namespaces", async () => {
    await fc.assert(fc.asyncProperty(argocdTeamObjects(), async ({ project, applications }) => expect(await runPolicy(policy, [project, ...applications])).toEqual([])), propertyRuns);
  });
  it("fails any generated team once one Application deploys to a namespace outside its project, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(argocdTeamObjects(), fc.nat(), kubernetesName(), async ({ project, applications, namespaces }, pick, elsewhere) => {
        fc.pre(!namespaces.includes(elsewhere));
        const victim = applications[pick % applications.length];
        const broken = applications.map((app) => (app === victim ? withField(app, "spec.destination.namespace", elsewhere) : app));
        expectViolations(await runPolicy(policy, [project, ...broken]), [{ resource: `Application argocd/${victim.name}`, path: "spec.destination" }]);
      }),
      propertyRuns,
    );
  });
});
