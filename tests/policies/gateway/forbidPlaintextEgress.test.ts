import fc from "fast-check";
import { forbidPlaintextEgress } from "../../../policy-pack/policies/gateway/forbidPlaintextEgress";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway, gatewayRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidPlaintextEgress;
const label = "Gateway istio-egress/shop-stripe-egress";
const egressRelease = () => gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway");
const mtlsServer = { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["api.stripe.com"], tls: { mode: "ISTIO_MUTUAL" } };
/** A Gateway on the egress gateway workload (`istio: egressgateway`) with these servers. */
const egressGateway = (...servers: Record<string, unknown>[]) =>
  withField(withField(gateway("istio-egress", "shop-stripe-egress"), "spec.selector", { istio: "egressgateway" }), "spec.servers", servers);
const plainHttp = { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["api.stripe.com"] };
const plainProtocols = ["HTTP", "HTTP2", "GRPC", "TCP", "MONGO"];

describe(policy.name, () => {
  it("passes HTTPS with ISTIO_MUTUAL, as Istio's egress gateway TLS origination task has it", () => expectCompliant(policy, [egressRelease(), egressGateway(mtlsServer)]));
  it("passes TLS with ISTIO_MUTUAL (TCP inside Istio mTLS)", () =>
    expectCompliant(policy, [egressRelease(), egressGateway({ port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["db.example.com"], tls: { mode: "ISTIO_MUTUAL" } })]));
  it("passes TLS PASSTHROUGH: the application's own TLS", () =>
    expectCompliant(policy, [egressRelease(), egressGateway({ port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["api.stripe.com"], tls: { mode: "PASSTHROUGH" } })]));
  it("passes a plain HTTP server on the ingress gateway", () =>
    expectCompliant(policy, [gatewayRelease(), egressRelease(), withField(gateway(), "spec.servers[0]", plainHttp)]));
  it("passes a Gateway whose selector matches no egress gateway release, nor names one", () =>
    expectCompliant(policy, [egressRelease(), withField(egressGateway(plainHttp), "spec.selector", { app: "legacy-proxy" })]));

  it("fails Istio's plain HTTP variant on the egress gateway: credentials in clear, no caller identity", async () => {
    const violations = await runPolicy(policy, [egressRelease(), egressGateway(plainHttp)]);
    expectViolations(violations, [
      { resource: label, path: "spec.servers[0].port.protocol", found: '"HTTP"', expected: "HTTPS with tls.mode ISTIO_MUTUAL, or TLS (ISTIO_MUTUAL, or PASSTHROUGH for the application's own TLS)" },
    ]);
    expect(violations[0].message).toContain('The server "http" (port 80, hosts api.stripe.com) takes the mesh\'s traffic in plain text: set its port.protocol to HTTPS and tls.mode to ISTIO_MUTUAL');
  });
  it("fails a plain server among mTLS ones, naming that server only", async () => {
    const violations = await runPolicy(policy, [egressRelease(), egressGateway(mtlsServer, { port: { number: 5432, name: "tcp-db", protocol: "TCP" }, hosts: ["db.example.com"] })]);
    expectViolations(violations, [{ resource: label, path: "spec.servers[1].port.protocol", found: '"TCP"' }]);
    expect(violations[0].message).toContain('The server "tcp-db" (port 5432, hosts db.example.com)');
  });
  it("fails a TCP server even with an ISTIO_MUTUAL tls block, which a TCP server ignores", async () =>
    expectViolations(await runPolicy(policy, [egressRelease(), egressGateway({ ...plainHttp, port: { number: 9000, name: "tcp", protocol: "TCP" }, tls: { mode: "ISTIO_MUTUAL" } })]), [
      { resource: label, path: "spec.servers[0].port.protocol", found: '"TCP"' },
    ]));
  it("fails a plain server on an egress gateway the stack does not install, known by its selector", async () =>
    expectViolations(await runPolicy(policy, [egressGateway(plainHttp)]), [{ resource: label, path: "spec.servers[0].port.protocol", found: '"HTTP"' }]));
  it("fails a plain server on an egress gateway release with its own labels, selected by them", async () => {
    const release = withField(gatewayRelease("egress", "egress", "unused"), "values.labels", { gateway: "outbound" });
    expectViolations(await runPolicy(policy, [release, withField(egressGateway(plainHttp), "spec.selector", { gateway: "outbound" })]), [
      { resource: label, path: "spec.servers[0].port.protocol", found: '"HTTP"' },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [egressRelease(), egressGateway(plainHttp)]);

  it("passes any egress Gateway whose servers are all HTTPS or TLS with ISTIO_MUTUAL", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("HTTPS", "TLS"), fc.integer({ min: 1, max: 65535 })), { minLength: 1, maxLength: 3 }), async (servers) => {
        const built = servers.map(([protocol, number], i) => ({ port: { number, name: `s${i}`, protocol }, hosts: [`h${i}.example.com`], tls: { mode: "ISTIO_MUTUAL" } }));
        expect(await runPolicy(policy, [egressRelease(), egressGateway(...built)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any egress Gateway once one server takes a plaintext protocol, naming that server", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 }), fc.constantFrom(...plainProtocols), async (index, protocol) => {
        const servers = [0, 1, 2].map((i) => ({ ...mtlsServer, port: { number: 443 + i, name: `https-${i}`, protocol: "HTTPS" }, hosts: [`h${i}.example.com`] }));
        servers[index] = { ...servers[index], port: { ...servers[index].port, protocol } };
        const violations = await runPolicy(policy, [egressRelease(), egressGateway(...servers)]);
        expectViolations(violations, [{ resource: label, path: `spec.servers[${index}].port.protocol`, found: JSON.stringify(protocol), expected: "HTTPS with tls.mode ISTIO_MUTUAL" }]);
        expect(violations[0].message).toContain(`The server "https-${index}" (port ${443 + index}, hosts h${index}.example.com)`);
      }),
      propertyRuns,
    );
  });
  it("passes every generated mesh, whose Gateways are all on the ingress gateway", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, [...resources, egressRelease()])).toEqual([])), propertyRuns);
  });
});
