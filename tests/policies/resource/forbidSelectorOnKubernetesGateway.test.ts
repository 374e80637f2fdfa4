import fc from "fast-check";
import { forbidSelectorOnKubernetesGateway } from "../../../policy-pack/policies/resource/forbidSelectorOnKubernetesGateway";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy, deployment, requestAuthentication } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidSelectorOnKubernetesGateway;
const gatewayPods = () => deployment("shop", "edge-istio", { "gateway.networking.k8s.io/gateway-name": "edge", app: "edge" });
const onEdge = () => withField(authorizationPolicy(), "spec.selector", { matchLabels: { app: "edge" } });

describe(policy.name, () => {
  it("passes targetRefs to the Gateway", () => expectCompliant(policy, [gatewayPods(), withField(withField(authorizationPolicy(), "spec.selector", undefined), "spec.targetRefs", [{ kind: "Gateway", group: "gateway.networking.k8s.io", name: "edge" }])]));
  it("passes a selector on ordinary pods", () => expectCompliant(policy, [gatewayPods(), deployment(), authorizationPolicy()]));
  it("fails a selector on a Gateway API gateway's pods", async () =>
    expectViolations(await runPolicy(policy, [gatewayPods(), onEdge()]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector", expected: "targetRefs to Gateway edge (its pods ignore selectors)" },
    ]));
  it("fails a RequestAuthentication selecting them too", async () =>
    expectViolations(await runPolicy(policy, [gatewayPods(), withField(requestAuthentication(), "spec.selector", { matchLabels: { app: "edge" } })]), [{ resource: "RequestAuthentication shop/jwt", path: "spec.selector" }]));

  itReportsAtConfiguredLevels(policy, () => [gatewayPods(), onEdge()]);

  it("passes selectors on any pods without the gateway-name label", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (app) => expect(await runPolicy(policy, [deployment("shop", app, { app }), withField(authorizationPolicy(), "spec.selector", { matchLabels: { app } })])).toEqual([])), propertyRuns);
  });
  it("fails a selector on any Gateway API gateway's pods", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (name) => {
        const pods = deployment("shop", `${name}-istio`, { "gateway.networking.k8s.io/gateway-name": name });
        expectViolations(await runPolicy(policy, [pods, withField(authorizationPolicy(), "spec.selector", { matchLabels: { "gateway.networking.k8s.io/gateway-name": name } })]), [
          { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector", expected: `targetRefs to Gateway ${name}` },
        ]);
      }),
      propertyRuns,
    );
  });
});
