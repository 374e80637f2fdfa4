import fc from "fast-check";
import { requireProtection } from "../../../policy-pack/policies/namespace/requireProtection";
import type { OfflineResource } from "../../../policy-pack/offline";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, namespace, peerAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = requireProtection;
const inProd = { properties: { requireProtection: true } };
const protectedResource = (resource: OfflineResource): OfflineResource => ({ ...resource, protect: true });
const protectNamespaces = (resources: OfflineResource[]) => resources.map((r) => (r.type === "kubernetes:core/v1:Namespace" ? protectedResource(r) : r));

describe(policy.name, () => {
  it("passes a protected app namespace", () => expectCompliant(policy, [istiodRelease(), protectedResource(namespace()), peerAuthentication()], inProd));
  it("passes an unprotected app namespace where protection is not required (dev, staging)", () =>
    expectCompliant(policy, [istiodRelease(), namespace(), peerAuthentication()]));
  it("passes an unprotected namespace without its own PeerAuthentication (not an app namespace)", () =>
    expectCompliant(policy, [istiodRelease(), namespace("monitoring", {}), protectedResource(namespace()), peerAuthentication()], inProd));
  it("passes the root namespace unprotected", () => expectCompliant(policy, [istiodRelease(), namespace("istio-system", {}), peerAuthentication("istio-system")], inProd));

  it("fails an unprotected app namespace where protection is required", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), namespace(), peerAuthentication()], inProd), [
      { resource: "Namespace shop", path: "protect", found: "false", expected: "true (the resource option)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [namespace(), peerAuthentication()], { requireProtection: true });

  it("passes every generated mesh whose namespaces are protected", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, protectNamespaces(resources), inProd)).toEqual([])),
      propertyRuns,
    );
  });
  it("fails any generated mesh once one app namespace loses its protection, naming it", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.nat(), async ({ namespaces, resources }, pick) => {
        const victim = namespaces[pick % namespaces.length];
        const broken = protectNamespaces(resources).map((r) => (r.type === "kubernetes:core/v1:Namespace" && r.name === victim ? { ...r, protect: false } : r));
        expectViolations(await runPolicy(policy, broken, inProd), [{ resource: `Namespace ${victim}`, path: "protect", found: "false" }]);
      }),
      propertyRuns,
    );
  });
});
