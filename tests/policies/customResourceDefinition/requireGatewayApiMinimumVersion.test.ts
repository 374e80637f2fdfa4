import fc from "fast-check";
import { requireGatewayApiMinimumVersion } from "../../../policy-pack/policies/customResourceDefinition/requireGatewayApiMinimumVersion";
import { propertyRuns } from "../../arbitraries/runs";
import { kubernetesObject } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = requireGatewayApiMinimumVersion;
const crd = (name: string, version: string) =>
  kubernetesObject("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, name, { spec: { group: "gateway.networking.k8s.io" } }, { annotations: { "gateway.networking.k8s.io/bundle-version": version } });

describe(policy.name, () => {
  it("passes TLSRoute at v1.5.1", () => expectCompliant(policy, [crd("tlsroutes.gateway.networking.k8s.io", "v1.5.1")]));
  it("passes HTTPRoute at any version (no minimum)", () => expectCompliant(policy, [crd("httproutes.gateway.networking.k8s.io", "v0.5.0")]));
  it("fails TLSRoute at v1.4.0", async () =>
    expectViolations(await runPolicy(policy, [crd("tlsroutes.gateway.networking.k8s.io", "v1.4.0")]), [
      { resource: "CustomResourceDefinition tlsroutes.gateway.networking.k8s.io", path: 'metadata.annotations["gateway.networking.k8s.io/bundle-version"]', found: '"v1.4.0"', expected: "1.5.0 or later" },
    ]));
  it("passes a pre-release of the minimum, which counts as the release", async () =>
    expect(await runPolicy(policy, [crd("tlsroutes.gateway.networking.k8s.io", "v1.5.0-rc.1")])).toEqual([]));

  itReportsAtConfiguredLevels(policy, () => [crd("grpcroutes.gateway.networking.k8s.io", "v1.0.0")]);

  it("passes any version at or above each minimum", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(["grpcroutes", 1, 1], ["backendtlspolicies", 1, 4], ["tlsroutes", 1, 5]), fc.nat(3), fc.nat(9), async ([name, major, minor], bump, patch) => {
        expect(await runPolicy(policy, [crd(`${name}.gateway.networking.k8s.io`, `v${major}.${Number(minor) + bump}.${patch}`)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any version below the minimum", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(3), fc.nat(9), async (minor, patch) => {
        expectViolations(await runPolicy(policy, [crd("tlsroutes.gateway.networking.k8s.io", `v1.${minor}.${patch}`)]), [{ resource: "CustomResourceDefinition tlsroutes.gateway.networking.k8s.io", path: 'metadata.annotations["gateway.networking.k8s.io/bundle-version"]' }]);
      }),
      propertyRuns,
    );
  });
});
