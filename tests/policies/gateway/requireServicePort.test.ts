import fc from "fast-check";
import { requireServicePort } from "../../../policy-pack/policies/gateway/requireServicePort";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, gateway, gatewayRelease, service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireServicePort;
const onPort = (port: number) => withField(gateway(), "spec.servers[0].port.number", port);

describe(policy.name, () => {
  it("passes port 443, which the gateway chart's Service exposes", () => expectCompliant(policy, [gatewayRelease(), gateway()]));
  it("passes a port the release's service.ports add", () =>
    expectCompliant(policy, [withField(gatewayRelease(), "values.service.ports", [{ name: "tls", port: 15443, targetPort: 15443 }]), onPort(15443)]));
  it("passes a target port of a declared Service in front of declared gateway pods", () =>
    expectCompliant(policy, [deployment("edge", "gw", { istio: "ingressgateway" }), service("edge", "gw", { istio: "ingressgateway" }, [{ name: "https", port: 443, targetPort: 8443 }]), onPort(8443)]));

  it("fails a server port the gateway's Service does not expose", async () =>
    expectViolations(await runPolicy(policy, [gatewayRelease(), onPort(8443)]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].port.number", found: "8443", expected: "a port the Service of the gateway pods (istio=ingressgateway) exposes: 80, 443, 15021" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gatewayRelease(), onPort(8443)]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any server port outside the Service's ports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 65535 }).filter((port) => ![80, 443, 15021].includes(port)), async (port) => {
        expectViolations(await runPolicy(policy, [gatewayRelease(), onPort(port)]), [{ resource: "Gateway shop/shop-gateway", path: "spec.servers[0].port.number", found: String(port) }]);
      }),
      propertyRuns,
    );
  });
});
