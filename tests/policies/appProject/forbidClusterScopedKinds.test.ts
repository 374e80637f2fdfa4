import fc from "fast-check";
import { forbidClusterScopedKinds } from "../../../policy-pack/policies/appProject/forbidClusterScopedKinds";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { appProject } from "../../support/argocdFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidClusterScopedKinds;
const groupKind = fc.record({ group: fc.constantFrom("", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "*"), kind: fc.oneof(fc.constant("*"), kubernetesName()) });

describe(policy.name, () => {
  it("passes an empty clusterResourceWhitelist", () => expectCompliant(policy, [appProject()]));
  it("passes a project without one (Argo CD v3 then permits no cluster-scoped kind)", () => expectCompliant(policy, [withField(appProject(), "spec.clusterResourceWhitelist", undefined)]));
  it("fails a project that may create Namespaces", async () =>
    expectViolations(await runPolicy(policy, [withField(appProject(), "spec.clusterResourceWhitelist", [{ group: "", kind: "Namespace" }])]), [
      { resource: "AppProject argocd/storefront", path: "spec.clusterResourceWhitelist", expected: "[] (no cluster-scoped kinds)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(appProject(), "spec.clusterResourceWhitelist", [{ group: "*", kind: "*" }])]);

  it("fails any project whose whitelist lists any kind", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(groupKind, { minLength: 1, maxLength: 4 }), async (entries) =>
        expectViolations(await runPolicy(policy, [withField(appProject(), "spec.clusterResourceWhitelist", entries)]), [{ resource: "AppProject argocd/storefront", path: "spec.clusterResourceWhitelist" }]),
      ),
      propertyRuns,
    );
  });
  it("passes any project whose namespaced kinds vary but whose cluster whitelist is empty", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(groupKind, { maxLength: 4 }), async (entries) => expect(await runPolicy(policy, [withField(appProject(), "spec.namespaceResourceWhitelist", entries)])).toEqual([])),
      propertyRuns,
    );
  });
});
