import fc from "fast-check";
import { forbidConflictingHosts } from "../../../policy-pack/policies/gateway/forbidConflictingHosts";
import { dnsName } from "../../arbitraries/dnsName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidConflictingHosts;
const other = (hosts: string[], port = 443) =>
  withField(withField(gateway("billing", "billing-gateway"), "spec.servers[0].hosts", hosts), "spec.servers[0].port.number", port);

describe(policy.name, () => {
  it("passes two Gateways with distinct hosts", () => expectCompliant(policy, [gateway(), other(["billing.example.com"])]));
  it("passes the same host on another port", () => expectCompliant(policy, [gateway(), other(["shop.example.com"], 8443)]));
  it("passes the same host on another gateway workload", () =>
    expectCompliant(policy, [gateway(), withField(other(["shop.example.com"]), "spec.selector", { istio: "internal-gateway" })]));

  it("fails the same host twice on one workload and port", async () =>
    expectViolations(await runPolicy(policy, [gateway(), other(["shop.example.com"])]), [
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: '"shop.example.com"', expected: "a host not already served on port 443 by Gateway shop/shop-gateway" },
    ]));
  it("fails a wildcard that covers an existing host", async () =>
    expectViolations(await runPolicy(policy, [gateway(), other(["*.example.com"])]), [{ resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: '"*.example.com"' }]));
  it("fails a host covered by an earlier wildcard, ignoring namespace prefixes", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].hosts", ["*/*.example.com"]), other(["billing/pay.example.com"])]), [
      { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [gateway(), other(["shop.example.com"])]);

  it("passes every generated mesh, whose Gateways serve one host each", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any second Gateway that claims a host, or a parent wildcard, of the first", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.boolean(), async (host, asWildcard) => {
        const claimed = asWildcard ? `*.${host.split(".").slice(1).join(".")}` : host;
        const first = withField(gateway(), "spec.servers[0].hosts", [host]);
        expectViolations(await runPolicy(policy, [first, other([claimed])]), [
          { resource: "Gateway billing/billing-gateway", path: "spec.servers[0].hosts[0]", found: JSON.stringify(claimed) },
        ]);
      }),
      propertyRuns,
    );
  });
});
