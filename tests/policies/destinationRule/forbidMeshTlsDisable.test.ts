import fc from "fast-check";
import { forbidMeshTlsDisable } from "../../../policy-pack/policies/destinationRule/forbidMeshTlsDisable";
import { dnsName } from "../../arbitraries/dnsName";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidMeshTlsDisable;
const disabled = (host: string) => withField(withField(destinationRule(), "spec.host", host), "spec.trafficPolicy.tls", { mode: "DISABLE" });

describe(policy.name, () => {
  it("passes ISTIO_MUTUAL for an in-mesh host", () => expectCompliant(policy, [destinationRule()]));
  it("passes DISABLE for an external host", () => expectCompliant(policy, [disabled("api.example.com")]));

  it("fails DISABLE for a short in-mesh host", async () =>
    expectViolations(await runPolicy(policy, [disabled("reviews")]), [
      { resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.tls.mode", found: '"DISABLE"', expected: "ISTIO_MUTUAL or not set" },
    ]));
  it("fails DISABLE in a subset for a fully qualified in-mesh host", async () => {
    const resource = withField(withField(destinationRule(), "spec.host", "ratings.shop.svc.cluster.local"), "spec.subsets[0].trafficPolicy", { tls: { mode: "DISABLE" } });
    expectViolations(await runPolicy(policy, [resource]), [{ resource: "DestinationRule shop/reviews", path: "spec.subsets[0].trafficPolicy.tls.mode" }]);
  });

  itReportsAtConfiguredLevels(policy, () => [disabled("reviews")]);

  it("passes DISABLE for any external DNS host", async () => {
    await fc.assert(fc.asyncProperty(dnsName(), async (host) => expect(await runPolicy(policy, [disabled(`${host}.com`)])).toEqual([])), propertyRuns);
  });
  it("fails DISABLE for any in-mesh service name", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.boolean(), async (service, qualified) => {
        const host = qualified ? `${service}.shop.svc.cluster.local` : service;
        expectViolations(await runPolicy(policy, [disabled(host)]), [{ resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.tls.mode", found: '"DISABLE"' }]);
      }),
      propertyRuns,
    );
  });
});
