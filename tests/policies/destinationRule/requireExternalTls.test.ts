import fc from "fast-check";
import { requireExternalTls } from "../../../policy-pack/policies/destinationRule/requireExternalTls";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule, serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireExternalTls;
const host = "api.payments.example.com";
const label = "DestinationRule shop/reviews";
const originated = { mode: "SIMPLE", sni: host };
/** The factory's entry (443/HTTPS: the app speaks TLS itself) with the given ports instead. */
const entryWith = (...ports: Record<string, unknown>[]) => withField(serviceEntry(), "spec.ports", ports);
const httpPort = { number: 80, name: "http", protocol: "HTTP", targetPort: 443 };
const httpsPort = { number: 443, name: "https", protocol: "HTTPS" };
/** A DestinationRule for the external host with this trafficPolicy. */
const externalRule = (trafficPolicy: Record<string, unknown>) => withField(withField(destinationRule(), "spec.host", host), "spec.trafficPolicy", trafficPolicy);
const perPort = (...settings: [number, Record<string, unknown> | undefined][]) =>
  externalRule({ portLevelSettings: settings.map(([number, tls]) => ({ port: { number }, ...(tls ? { tls } : { connectionPool: { tcp: { maxConnections: 10 } } }) })) });

describe(policy.name, () => {
  it("passes SIMPLE with sni where the app speaks plain HTTP (TLS originated to the server's 443)", () => expectCompliant(policy, [entryWith(httpPort), perPort([80, originated])]));
  it("passes DISABLE where the app speaks TLS itself on 443/HTTPS", () => expectCompliant(policy, [serviceEntry(), perPort([443, { mode: "DISABLE" }])]));
  it("passes TLS stated per port: originated on HTTP, DISABLE on HTTPS, TLS, TCP and MONGO", () =>
    expectCompliant(policy, [
      entryWith(httpPort, httpsPort, { number: 8443, name: "tls", protocol: "TLS" }, { number: 5432, name: "tcp", protocol: "TCP" }, { number: 27017, name: "mongo", protocol: "MONGO" }),
      perPort([80, originated], [443, { mode: "DISABLE" }], [8443, { mode: "DISABLE" }], [5432, { mode: "DISABLE" }], [27017, { mode: "DISABLE" }]),
    ]));
  it("passes rule-level SIMPLE when the only port is HTTP", () => expectCompliant(policy, [entryWith(httpPort), externalRule({ tls: originated })]));
  it("passes MUTUAL on an HTTP port of a gRPC API", () =>
    expectCompliant(policy, [entryWith({ number: 9090, name: "grpc", protocol: "GRPC" }), perPort([9090, { mode: "MUTUAL", sni: host, credentialName: "payments-client" }])]));
  it("passes a DestinationRule for a MESH_INTERNAL entry without TLS", () =>
    expectCompliant(policy, [withField(serviceEntry(), "spec.location", "MESH_INTERNAL"), externalRule({ outlierDetection: { consecutive5xxErrors: 5 } })]));
  it("passes a wildcard host originating without sni", () =>
    expectCompliant(policy, [withField(entryWith(httpPort), "spec.hosts", ["*.payments.example.com"]), withField(perPort([80, { mode: "SIMPLE" }]), "spec.host", "*.payments.example.com")]));

  it("fails rule-level SIMPLE for an app that speaks TLS itself on 443/HTTPS: encrypted twice", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), externalRule({ tls: originated })]), [
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: '"SIMPLE"', expected: `DISABLE (port 443 of ${host} is HTTPS: the application speaks TLS itself, and originating TLS again would encrypt it twice)` },
    ]));
  it("fails rule-level SIMPLE on the TCP and MONGO ports of a host originated on its HTTP port", async () =>
    expectViolations(await runPolicy(policy, [entryWith(httpPort, { number: 5432, name: "tcp", protocol: "TCP" }, { number: 27017, name: "mongo", protocol: "MONGO" }), externalRule({ tls: originated })]), [
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: '"SIMPLE"', expected: `DISABLE (port 5432 of ${host} is TCP: plain TCP is not originated)` },
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: '"SIMPLE"', expected: `DISABLE (port 27017 of ${host} is MONGO: plain TCP is not originated)` },
    ]));
  it("fails an HTTPS port whose TLS is not stated", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), externalRule({ outlierDetection: { consecutive5xxErrors: 5 } })]), [
      { resource: label, path: "spec.trafficPolicy.tls.mode", found: "(not set)", expected: "DISABLE" },
    ]));
  it("fails an HTTP port without TLS origination: the call would leave the mesh in plain text", async () =>
    expectViolations(await runPolicy(policy, [entryWith(httpPort), perPort([80, undefined])]), [
      { resource: label, path: "spec.trafficPolicy.portLevelSettings[0].tls.mode", found: "(not set)", expected: `SIMPLE or MUTUAL (port 80 of ${host} is HTTP: the app speaks plain text and the proxy originates TLS)` },
    ]));
  it("fails a port-level entry without tls even though the rule level originates: port-level settings do not inherit", async () => {
    const rule = withField(externalRule({ tls: originated }), "spec.trafficPolicy.portLevelSettings", [{ port: { number: 80 }, connectionPool: { tcp: { maxConnections: 10 } } }]);
    expectViolations(await runPolicy(policy, [entryWith(httpPort), rule]), [{ resource: label, path: "spec.trafficPolicy.portLevelSettings[0].tls.mode", found: "(not set)" }]);
  });
  it("fails SIMPLE without sni for an exact host", async () =>
    expectViolations(await runPolicy(policy, [entryWith(httpPort), perPort([80, { mode: "SIMPLE" }])]), [
      { resource: label, path: "spec.trafficPolicy.portLevelSettings[0].tls.sni", found: "(not set)", expected: `the server name ${host}` },
    ]));
  it("fails ISTIO_MUTUAL towards an external host", async () =>
    expectViolations(await runPolicy(policy, [entryWith(httpPort), perPort([80, { mode: "ISTIO_MUTUAL", sni: host }])]), [
      { resource: label, path: "spec.trafficPolicy.portLevelSettings[0].tls.mode", found: '"ISTIO_MUTUAL"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [serviceEntry(), externalRule({ tls: originated })]);

  it("passes every generated mesh, whose external rules state TLS per port", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once an external rule drops the origination, its sni, or the DISABLE of the app's own TLS", async () => {
    const breakages = [
      { field: "portLevelSettings[0].tls.mode", found: "(not set)" },
      { field: "portLevelSettings[0].tls.sni", found: "(not set)" },
      { field: "portLevelSettings[1].tls.mode", found: "(not set)" },
      { field: "portLevelSettings[1].tls", found: "(not set)", path: "portLevelSettings[1].tls.mode" },
    ];
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.constantFrom(...breakages), async ({ namespaces, resources }, breakage) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "DestinationRule", `${ns}-external-api`, `spec.trafficPolicy.${breakage.field}`, undefined);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `DestinationRule ${ns}/external-api`, path: `spec.trafficPolicy.${breakage.path ?? breakage.field}`, found: breakage.found },
        ]);
      }),
      propertyRuns,
    );
  });
  it("fails any generated mesh whose external rule originates TLS for the whole host, the app's own TLS port included", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), async ({ namespaces, resources }) => {
        const ns = namespaces[0];
        const host = `api.${ns}.example.org`;
        const broken = withResourceField(resources, "DestinationRule", `${ns}-external-api`, "spec.trafficPolicy", { tls: { mode: "SIMPLE", sni: host } });
        expectViolations(await runPolicy(policy, broken), [
          { resource: `DestinationRule ${ns}/external-api`, path: "spec.trafficPolicy.tls.mode", found: '"SIMPLE"', expected: `DISABLE (port 8443 of ${host} is TLS` },
        ]);
      }),
      propertyRuns,
    );
  });
});
