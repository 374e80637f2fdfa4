import fc from "fast-check";
import { forbidWildcardHosts } from "../../../policy-pack/policies/gateway/forbidWildcardHosts";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { gateway } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidWildcardHosts;
const prod = { allowWildcardHosts: false };
const withHosts = (hosts: string[]) => withField(gateway(), "spec.servers[0].hosts", hosts);

describe(policy.name, () => {
  it("passes an explicit host in prod", () => expectCompliant(policy, [gateway()], { properties: prod }));
  it("passes a *.domain wildcard in prod", () => expectCompliant(policy, [withHosts(["*.example.com"])], { properties: prod }));
  it("passes * when wildcard hosts are allowed (the default)", () => expectCompliant(policy, [withHosts(["*"])]));

  it("fails * in prod", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["*"])], { properties: prod }), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: '"*"', expected: "an explicit host name such as shop.example.com" },
    ]));
  it("fails a namespace-scoped * in prod", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["shop.example.com", "shop/*"])], { properties: prod }), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[1]", found: '"shop/*"' },
    ]));
  it("rejects a config value of the wrong type, as the CLI does", async () =>
    expect(runPolicy(policy, [gateway()], { properties: { allowWildcardHosts: "no" } })).rejects.toThrow(/istio-gateway-forbid-wildcard-hosts: allowWildcardHosts must be boolean/));

  itReportsAtConfiguredLevels(policy, () => [withHosts(["*"])], prod);

  it("passes any list of explicit or *.domain hosts in prod", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(dnsName(), dnsName().map((name) => `*.${name}`)), { minLength: 1, maxLength: 5 }), async (hosts) => {
        expect(await runPolicy(policy, [withHosts(hosts)], { properties: prod })).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any host list that contains a bare * in prod, at its index", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dnsName(), { maxLength: 4 }), fc.nat(), fc.constantFrom("*", "*/*", "./*"), async (hosts, at, wildcard) => {
        const index = at % (hosts.length + 1);
        const withWildcard = [...hosts.slice(0, index), wildcard, ...hosts.slice(index)];
        expectViolations(await runPolicy(policy, [withHosts(withWildcard)], { properties: prod }), [
          { resource: "Gateway shop/shop-gateway", path: `spec.servers[0].hosts[${index}]`, found: JSON.stringify(wildcard) },
        ]);
      }),
      propertyRuns,
    );
  });
});
