import fc from "fast-check";
import { istioHealthChecks, istioHealthLua } from "../../../components/argocdHealthChecks";
import { requireIstioHealthChecks } from "../../../policy-pack/policies/application/requireIstioHealthChecks";
import { argocdTeamObjects } from "../../arbitraries/argocdObjects";
import { propertyRuns } from "../../arbitraries/runs";
import { application, appProject, argocdConfigPatch, argocdRelease } from "../../support/argocdFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireIstioHealthChecks;
const key = (groupKind: string) => `resource.customizations.health.${groupKind}`;
const without = (...groupKinds: string[]) => Object.fromEntries(Object.entries(istioHealthChecks()).filter(([name]) => !groupKinds.map(key).includes(name)));
/** The Istio kinds the factory's project permits. */
const permitted = ["networking.istio.io_VirtualService", "networking.istio.io_DestinationRule", "security.istio.io_AuthorizationPolicy"];

describe(policy.name, () => {
  it("passes an installed Argo CD with a check for every Istio kind", () => expectCompliant(policy, [argocdRelease(), appProject(), application()]));
  it("passes an existing Argo CD whose argocd-cm the stack patches", () => expectCompliant(policy, [argocdConfigPatch(), appProject(), application()]));
  it("passes a glob key covering the kinds, as Argo CD matches it", () =>
    expectCompliant(policy, [argocdRelease({ [key("*.istio.io_*")]: istioHealthLua }), appProject(), application()]));
  it("passes checks for just the kinds the project permits", () =>
    expectCompliant(policy, [argocdRelease(Object.fromEntries(permitted.map((name) => [key(name), istioHealthLua]))), appProject(), application()]));
  it("passes a stack without Applications", () => expectCompliant(policy, [argocdRelease({}), appProject()]));

  it("fails an Argo CD without health checks, once per Istio kind its Applications may sync", async () =>
    expectViolations(
      await runPolicy(policy, [argocdRelease({}), appProject(), application()]),
      permitted.map((name) => ({ resource: "Helm release argocd/argocd", path: `values.configs.cm["${key(name)}"]`, found: "(not set)" })),
    ));
  it("fails a check that does not read the status istiod writes", async () =>
    expectViolations(await runPolicy(policy, [argocdConfigPatch({ ...istioHealthChecks(), [key("networking.istio.io_VirtualService")]: 'return { status = "Healthy" }' }), appProject(), application()]), [
      { resource: "ConfigMapPatch argocd/argocd-cm", path: `data["${key("networking.istio.io_VirtualService")}"]`, expected: "a health check reading status.validationMessages (the analysis istiod writes)" },
    ]));
  it("fails an Application whose Argo CD the stack does not configure", async () =>
    expectViolations(await runPolicy(policy, [appProject(), application()]), [{ resource: "Application argocd/storefront", path: "metadata.namespace", found: '"argocd"' }]));
  it("fails every Istio kind for an Application of a project the stack does not declare (default permits all)", async () => {
    const violations = await runPolicy(policy, [argocdRelease(without("networking.istio.io_EnvoyFilter")), withField(application(), "spec.project", "default")]);
    expectViolations(violations, [{ resource: "Helm release argocd/argocd", path: `values.configs.cm["${key("networking.istio.io_EnvoyFilter")}"]` }]);
  });

  itReportsAtConfiguredLevels(policy, () => [argocdRelease({}), appProject(), application()]);

  it("passes every generated team with the stack's checks", async () => {
    await fc.assert(
      fc.asyncProperty(argocdTeamObjects(), async ({ project, applications }) => expect(await runPolicy(policy, [argocdRelease(), project, ...applications])).toEqual([])),
      propertyRuns,
    );
  });
  it("fails any generated team once the check of one permitted kind is missing, naming its key", async () => {
    await fc.assert(
      fc.asyncProperty(argocdTeamObjects(), fc.constantFrom(...permitted), async ({ project, applications }, missing) => {
        expectViolations(await runPolicy(policy, [argocdRelease(without(missing)), project, ...applications]), [{ resource: "Helm release argocd/argocd", path: `values.configs.cm["${key(missing)}"]` }]);
      }),
      propertyRuns,
    );
  });
});
