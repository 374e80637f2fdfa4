import fc from "fast-check";
import { requireKnownServiceRegistry } from "../../../policy-pack/policies/meshConfig/requireKnownServiceRegistry";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, kubernetesObject } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireKnownServiceRegistry;
const networks = (registry: string) => withField(istiodRelease(), "values.global.meshNetworks", { "network-east": { endpoints: [{ fromRegistry: registry }], gateways: [{ port: 15443, address: "1.2.3.4" }] } });
const remoteSecret = (cluster: string) => kubernetesObject("v1", "Secret", "istio-system", `istio-remote-secret-${cluster}`, { stringData: { [cluster]: "kubeconfig" } }, { labels: { "istio/multiCluster": "true" } });

describe(policy.name, () => {
  it("passes the Kubernetes registry", () => expectCompliant(policy, [networks("Kubernetes")]));
  it("passes a cluster with a remote secret", () => expectCompliant(policy, [networks("cluster-east"), remoteSecret("cluster-east")]));
  it("fails a registry nothing defines", async () =>
    expectViolations(await runPolicy(policy, [networks("cluster-east")]), [
      { resource: "Helm release istio-system/istiod", path: "meshNetworks.networks.network-east.endpoints[0].fromRegistry", found: '"cluster-east"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [networks("cluster-east")]);

  it("passes any cluster that has a remote secret", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (cluster) => expect(await runPolicy(policy, [networks(cluster), remoteSecret(cluster)])).toEqual([])), propertyRuns);
  });
  it("fails any cluster without one", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (cluster) => {
        expectViolations(await runPolicy(policy, [networks(`c-${cluster}`), remoteSecret(`d-${cluster}`)]), [{ resource: "Helm release istio-system/istiod", path: "meshNetworks.networks.network-east.endpoints[0].fromRegistry" }]);
      }),
      propertyRuns,
    );
  });
});
