import fc from "fast-check";
import { forbidMeshWideKinds, meshWideKinds } from "../../../policy-pack/policies/appProject/forbidMeshWideKinds";
import { meshWideGrant } from "../../arbitraries/argocdObjects";
import { propertyRuns } from "../../arbitraries/runs";
import { appProject } from "../../support/argocdFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidMeshWideKinds;
const whitelist = (appProject().props as { spec: { namespaceResourceWhitelist: unknown[] } }).spec.namespaceResourceWhitelist;
/** The factory's project with `extra` whitelisted and nothing blacklisted. */
const permitting = (...extra: unknown[]) => withField(withField(appProject(), "spec.namespaceResourceWhitelist", [...whitelist, ...extra]), "spec.namespaceResourceBlacklist", []);

describe(policy.name, () => {
  it("passes a project that lists its kinds and blacklists the three", () => expectCompliant(policy, [appProject()]));
  it("passes a whitelist without them even without the blacklist", () => expectCompliant(policy, [withField(appProject(), "spec.namespaceResourceBlacklist", undefined)]));
  it("passes a granted Sidecar where the policy config grants it to the project", () =>
    expectCompliant(policy, [withField(appProject(), "spec.namespaceResourceWhitelist", [...whitelist, { group: "networking.istio.io", kind: "Sidecar" }])], { properties: { grants: { storefront: ["Sidecar"] } } }));

  it("fails a project without a whitelist (every kind) and without the blacklist, naming each kind", async () => {
    const open = withField(withField(appProject(), "spec.namespaceResourceWhitelist", undefined), "spec.namespaceResourceBlacklist", undefined);
    expectViolations(await runPolicy(policy, [open]), meshWideKinds.map((kind) => ({ resource: "AppProject argocd/storefront", path: "spec.namespaceResourceBlacklist", found: `"${kind}"` })));
  });
  it("fails a Sidecar granted to another project only", async () =>
    expectViolations(
      await runPolicy(policy, [permitting({ group: "networking.istio.io", kind: "Sidecar" })], { properties: { grants: { payments: ["Sidecar"] } } }),
      [{ resource: "AppProject argocd/storefront", path: "spec.namespaceResourceBlacklist", found: '"Sidecar"' }],
    ));

  itReportsAtConfiguredLevels(policy, () => [permitting({ group: "security.istio.io", kind: "PeerAuthentication" })]);

  it("fails any whitelist entry that permits a mesh-wide kind without a grant, unless the blacklist denies it", async () => {
    await fc.assert(
      fc.asyncProperty(meshWideGrant, fc.boolean(), async ({ kind, entry }, blacklisted) => {
        const project = withField(appProject(), "spec.namespaceResourceWhitelist", [...whitelist, entry]);
        const violations = await runPolicy(policy, [blacklisted ? project : withField(project, "spec.namespaceResourceBlacklist", [])]);
        expect(violations.some((violation) => violation.message.includes(`found "${kind}"`))).toBe(!blacklisted);
      }),
      propertyRuns,
    );
  });
  it("passes any mesh-wide kind the policy config grants to the project", async () => {
    await fc.assert(
      fc.asyncProperty(meshWideGrant, async ({ kind, entry }) => {
        const project = withField(withField(appProject(), "spec.namespaceResourceWhitelist", [...whitelist, entry]), "spec.namespaceResourceBlacklist", []);
        const violations = await runPolicy(policy, [project], { properties: { grants: { storefront: [...meshWideKinds] } } });
        expect(violations.filter((violation) => violation.message.includes(`found "${kind}"`))).toEqual([]);
      }),
      propertyRuns,
    );
  });
});
