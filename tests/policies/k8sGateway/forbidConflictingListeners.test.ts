import fc from "fast-check";
import { forbidConflictingListeners } from "../../../policy-pack/policies/k8sGateway/forbidConflictingListeners";
import { gatewayApiStack } from "../../arbitraries/gatewayApiStack";
import { sameValuesRuns } from "../../arbitraries/runs";
import { gatewayApiGateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = forbidConflictingListeners;
const label = "Gateway (gateway.networking.k8s.io) istio-ingress/ingress";
const withListener = (listener: Record<string, unknown>) => withField(gatewayApiGateway(), "spec.listeners[2]", listener);

describe(policy.name, () => {
  it("passes HTTPS per host and one HTTP listener", () => expectCompliant(policy, [gatewayApiGateway()]));
  it("passes a second HTTPS listener on 443 for another hostname", () =>
    expectCompliant(policy, [withListener({ name: "https-api", hostname: "api.example.com", port: 443, protocol: "HTTPS", tls: { certificateRefs: [{ name: "api-tls" }] } })]));
  it("passes a TLS listener sharing 443 with HTTPS (both pick by SNI)", () =>
    expectCompliant(policy, [withListener({ name: "tls-db", hostname: "db.example.com", port: 443, protocol: "TLS", tls: { mode: "Passthrough" } })]));

  it("fails two listeners with one port, protocol and hostname", async () =>
    expectViolations(await runPolicy(policy, [withListener({ name: "https-again", hostname: "shop.example.com", port: 443, protocol: "HTTPS" })]), [
      { resource: label, path: "spec.listeners[2]", found: '"https-again: HTTPS 443 shop.example.com"', expected: "a port, protocol and hostname no other listener has (listener https-shop has them)" },
    ]));
  it("fails plain HTTP on the HTTPS port", async () =>
    expectViolations(await runPolicy(policy, [withListener({ name: "http-443", port: 443, protocol: "HTTP" })]), [
      { resource: label, path: "spec.listeners[2].protocol", found: '"HTTP"', expected: "the protocol of listener https-shop on port 443 (HTTPS), or another port" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withListener({ name: "dup", port: 80, protocol: "HTTP" })]);

  it("passes every generated Gateway API ingress", async () => {
    await fc.assert(fc.asyncProperty(gatewayApiStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), sameValuesRuns);
  });
  it("fails any generated ingress once one of its HTTPS listeners is repeated under another name", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiStack(), fc.nat(), async ({ resources, render }, pick) => {
        const hosts = render.mesh.ingress.hosts;
        const host = hosts[pick % hosts.length];
        const copy = { name: "copy", hostname: host, port: 443, protocol: "HTTPS", tls: { certificateRefs: [{ name: "copy-tls" }] } };
        const broken = withResourceField(resources, "Gateway", "istio-ingress-ingress", `spec.listeners[${hosts.length + 1}]`, copy);
        expectViolations(await runPolicy(policy, broken), [{ resource: label, path: `spec.listeners[${hosts.length + 1}]`, found: JSON.stringify(`copy: HTTPS 443 ${host}`) }]);
      }),
      sameValuesRuns,
    );
  });
});
