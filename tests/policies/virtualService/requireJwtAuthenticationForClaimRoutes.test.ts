import fc from "fast-check";
import { requireJwtAuthenticationForClaimRoutes } from "../../../policy-pack/policies/virtualService/requireJwtAuthenticationForClaimRoutes";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, gatewayRelease, istioResource, requestAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireJwtAuthenticationForClaimRoutes;
const claimRoute = (claim = "@request.auth.claims.group") =>
  istioResource("VirtualService", "shop", "api", { hosts: ["shop.example.com"], gateways: ["shop-gateway"], http: [{ match: [{ headers: { [claim]: { exact: "admin" } } }], route: [{ destination: { host: "api" } }] }] });
const gatewayAuthentication = () => withField(requestAuthentication("istio-ingress", "edge-jwt"), "spec.selector", { matchLabels: { istio: "ingressgateway" } });

describe(policy.name, () => {
  it("passes claim routing with a RequestAuthentication on the gateway pods", () => expectCompliant(policy, [gatewayRelease(), gateway(), claimRoute(), gatewayAuthentication()]));
  it("passes routing on ordinary headers", () => expectCompliant(policy, [gatewayRelease(), gateway(), claimRoute("x-user-group")]));

  it("fails claim routing without a RequestAuthentication for the gateway pods", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), claimRoute()]), [
      { resource: "VirtualService shop/api", path: "spec.gateways[0]", expected: "a RequestAuthentication for the gateway pods of HelmRelease istio-ingress/istio-ingressgateway (routes match on @request.auth.claims.group)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayRelease(), gateway(), claimRoute()]);

  it("passes any claim once the gateway pods are authenticated", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (claim) => expect(await runPolicy(policy, [gatewayRelease(), gateway(), claimRoute(`@request.auth.claims.${claim}`), gatewayAuthentication()])).toEqual([])), propertyRuns);
  });
  it("fails any claim, dotted or bracketed, without one", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.boolean(), async (claim, bracketed) => {
        const key = bracketed ? `@request.auth.claims[${claim}]` : `@request.auth.claims.${claim}`;
        expectViolations(await runPolicy(policy, [gatewayRelease(), gateway(), claimRoute(key)]), [{ resource: "VirtualService shop/api", path: "spec.gateways[0]" }]);
      }),
      propertyRuns,
    );
  });
});
