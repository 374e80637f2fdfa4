import fc from "fast-check";
import { requireExternalTls } from "../../../policy-pack/policies/destinationRule/requireExternalTls";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule, serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireExternalTls;
const host = "api.payments.example.com";
const externalRule = (tls: Record<string, unknown> | undefined) =>
  withField(withField(destinationRule(), "spec.host", host), "spec.trafficPolicy", tls ? { tls } : {});
const label = "DestinationRule shop/reviews";

describe(policy.name, () => {
  it("passes SIMPLE with sni for an HTTPS external host", () => expectCompliant(policy, [serviceEntry(), externalRule({ mode: "SIMPLE", sni: host })]));
  it("passes no TLS when the external port is plain HTTP", () =>
    expectCompliant(policy, [withField(serviceEntry(), "spec.ports[0]", { number: 80, name: "http", protocol: "HTTP" }), externalRule(undefined)]));
  it("passes a DestinationRule for a MESH_INTERNAL entry without TLS", () =>
    expectCompliant(policy, [withField(serviceEntry(), "spec.location", "MESH_INTERNAL"), externalRule(undefined)]));
  it("passes a wildcard host without sni", () =>
    expectCompliant(policy, [withField(serviceEntry(), "spec.hosts", ["*.payments.example.com"]), withField(externalRule({ mode: "SIMPLE" }), "spec.host", "*.payments.example.com")]));

  it("fails an HTTPS external host without tls", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), externalRule(undefined)]), [
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: "(not set)", expected: `SIMPLE or MUTUAL (port 443 of ${host} is HTTPS)` },
    ]));
  it("fails SIMPLE without sni for an exact host", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), externalRule({ mode: "SIMPLE" })]), [
      { resource: label, path: "spec.trafficPolicy.tls.sni", found: "(not set)", expected: `the server name ${host}` },
    ]));
  it("fails ISTIO_MUTUAL towards an external host", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), externalRule({ mode: "ISTIO_MUTUAL", sni: host })]), [
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: '"ISTIO_MUTUAL"' },
    ]));

  it("uses the port-level TLS settings of the external port", async () => {
    const portLevel = [{ port: { number: 443 }, tls: { mode: "DISABLE" } }];
    const resource = withField(externalRule({ mode: "SIMPLE", sni: host }), "spec.trafficPolicy.portLevelSettings", portLevel);
    expectViolations(await runPolicy(policy, [serviceEntry(), resource]), [
      { resource: label, path: "spec.trafficPolicy.portLevelSettings[0].tls.mode", found: '"DISABLE"' },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [serviceEntry(), externalRule(undefined)]);

  it("passes every generated mesh, whose external rules originate TLS", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once an external rule drops TLS or sni", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.constantFrom("mode", "sni"), async ({ namespaces, resources }, dropped) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "DestinationRule", `${ns}-external-api`, `spec.trafficPolicy.tls.${dropped}`, undefined);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `DestinationRule ${ns}/external-api`, path: `spec.trafficPolicy.tls.${dropped}`, found: "(not set)" },
        ]);
      }),
      propertyRuns,
    );
  });
});
