import fc from "fast-check";
import { requireTls13 } from "../../../policy-pack/policies/gateway/requireTls13";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireTls13;
const withVersion = (version: unknown) => withField(gateway(), "spec.servers[0].tls.minProtocolVersion", version);
const olderVersions = ["TLSV1_0", "TLSV1_1", "TLSV1_2", "TLS_AUTO"];

describe(policy.name, () => {
  it("passes TLSV1_3", () => expectCompliant(policy, [gateway()]));
  it("passes a server that sets no minimum", () => expectCompliant(policy, [withVersion(undefined)]));

  it("fails TLSV1_2", async () =>
    expectViolations(await runPolicy(policy, [withVersion("TLSV1_2")]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.minProtocolVersion", found: '"TLSV1_2"', expected: "TLSV1_3" },
    ]));
  it("fails a second server with TLS_AUTO", async () => {
    const second = { port: { number: 8443, name: "https-alt", protocol: "HTTPS" }, hosts: ["alt.example.com"], tls: { mode: "SIMPLE", credentialName: "alt", minProtocolVersion: "TLS_AUTO" } };
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[1]", second)]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[1].tls.minProtocolVersion", found: '"TLS_AUTO"' },
    ]);
  });

  itReportsAtConfiguredLevels(policy, () => [withVersion("TLSV1_0")]);

  it("passes any set of servers that require TLSV1_3 or leave it unset", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("TLSV1_3", undefined), { minLength: 1, maxLength: 4 }), async (versions) => {
        const servers = versions.map((version, i) => ({ port: { number: 443 + i, name: `https-${i}`, protocol: "HTTPS" }, hosts: ["shop.example.com"], tls: { mode: "SIMPLE", credentialName: "shop-tls", minProtocolVersion: version } }));
        expect(await runPolicy(policy, [withField(gateway(), "spec.servers", servers)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any older minimum version", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...olderVersions), async (version) => {
        expectViolations(await runPolicy(policy, [withVersion(version)]), [
          { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls.minProtocolVersion", found: JSON.stringify(version), expected: "TLSV1_3" },
        ]);
      }),
      propertyRuns,
    );
  });
});
