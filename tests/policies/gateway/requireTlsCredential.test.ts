import fc from "fast-check";
import { requireTlsCredential } from "../../../policy-pack/policies/gateway/requireTlsCredential";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireTlsCredential;
const label = "Gateway shop/shop-gateway";

describe(policy.name, () => {
  it("passes HTTPS with SIMPLE and a credentialName", () => expectCompliant(policy, [gateway()]));
  it("passes a TLS passthrough server without credential", () =>
    expectCompliant(policy, [withField(gateway(), "spec.servers[0]", { port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["db.example.com"], tls: { mode: "PASSTHROUGH" } })]));
  it("passes an HTTPS server for mesh traffic: ISTIO_MUTUAL uses workload certificates and names no secret", () =>
    expectCompliant(policy, [withField(gateway(), "spec.servers[0].tls", { mode: "ISTIO_MUTUAL" })]));
  it("passes a TLS server with ISTIO_MUTUAL", () =>
    expectCompliant(policy, [withField(gateway(), "spec.servers[0]", { port: { number: 15443, name: "tls", protocol: "TLS" }, hosts: ["db.example.com"], tls: { mode: "ISTIO_MUTUAL" } })]));
  it("passes a plain HTTP server", () =>
    expectCompliant(policy, [withField(gateway(), "spec.servers[0]", { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["shop.example.com"] })]));

  it("fails HTTPS without credentialName", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls.credentialName", undefined)]), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: "(not set)", expected: "the name of a TLS secret" },
    ]));
  it("fails HTTPS with mode PASSTHROUGH", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls.mode", "PASSTHROUGH")]), [
      { resource: label, path: "spec.servers[0].tls.mode", found: '"PASSTHROUGH"', expected: "SIMPLE or MUTUAL (or ISTIO_MUTUAL for mesh traffic)" },
    ]));
  it("fails ISTIO_MUTUAL with a credentialName, which istiod rejects", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls.mode", "ISTIO_MUTUAL")]), [
      { resource: label, path: "spec.servers[0].tls.credentialName", found: '"shop-tls"', expected: "no secret (ISTIO_MUTUAL serves the gateway's workload certificate)" },
    ]));
  it("fails a terminating TLS server without tls block", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0]", { port: { number: 9443, name: "tls", protocol: "TLS" }, hosts: ["x.example.com"] })]), [
      { resource: label, path: "spec.servers[0].tls.mode", found: "(not set)" },
      { resource: label, path: "spec.servers[0].tls.credentialName" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(gateway(), "spec.servers[0].tls", undefined)]);

  it("passes any HTTPS server with SIMPLE or MUTUAL and a credential", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("SIMPLE", "MUTUAL"), kubernetesName(), async (mode, credentialName) => {
        expect(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls", { mode, credentialName })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("passes any HTTPS or TLS server with ISTIO_MUTUAL and no secret", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("HTTPS", "TLS"), fc.integer({ min: 1, max: 65535 }), async (protocol, number) => {
        const server = { port: { number, name: protocol.toLowerCase(), protocol }, hosts: ["api.example.com"], tls: { mode: "ISTIO_MUTUAL" } };
        expect(await runPolicy(policy, [withField(gateway(), "spec.servers[0]", server)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any ISTIO_MUTUAL server that names a secret", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (credentialName) => {
        expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls", { mode: "ISTIO_MUTUAL", credentialName })]), [
          { resource: label, path: "spec.servers[0].tls.credentialName", found: JSON.stringify(credentialName), expected: "no secret" },
        ]);
      }),
      propertyRuns,
    );
  });
  it("fails any HTTPS server whose mode isn't terminating", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("PASSTHROUGH", "AUTO_PASSTHROUGH", "OPTIONAL_MUTUAL"), kubernetesName(), async (mode, credentialName) => {
        expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls", { mode, credentialName })]), [
          { resource: label, path: "spec.servers[0].tls.mode", found: JSON.stringify(mode), expected: "SIMPLE or MUTUAL" },
        ]);
      }),
      propertyRuns,
    );
  });
});
