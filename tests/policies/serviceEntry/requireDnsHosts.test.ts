import fc from "fast-check";
import { requireDnsHosts } from "../../../policy-pack/policies/serviceEntry/requireDnsHosts";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireDnsHosts;
const label = "ServiceEntry shop/payments-api";
const withHosts = (hosts: unknown[]) => withField(serviceEntry(), "spec.hosts", hosts);
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((octets) => octets.join("."));

describe(policy.name, () => {
  it("passes a DNS host", () => expectCompliant(policy, [serviceEntry()]));
  it("passes a leading *. wildcard", () => expectCompliant(policy, [withHosts(["*.payments.example.com"])]));

  it("fails an IP address as host", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["api.example.com", "10.0.0.7"])]), [
      { resource: label, path: "spec.hosts[1]", found: '"10.0.0.7"', expected: "a DNS name such as api.example.com or *.example.com" },
    ]));
  it("fails the bare * wildcard", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["*"])]), [{ resource: label, path: "spec.hosts[0]", found: '"*"' }]));
  it("fails a wildcard in the middle of a name", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["api.*.example.com"])]), [{ resource: label, path: "spec.hosts[0]" }]));
  it("fails a URL instead of a host", async () =>
    expectViolations(await runPolicy(policy, [withHosts(["https://api.example.com"])]), [{ resource: label, path: "spec.hosts[0]" }]));

  itReportsAtConfiguredLevels(policy, () => [withHosts(["192.168.1.1"])]);

  it("passes any list of DNS names and *. wildcards", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(dnsName(), dnsName().map((name) => `*.${name}`)), { minLength: 1, maxLength: 5 }), async (hosts) => {
        expect(await runPolicy(policy, [withHosts(hosts)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any IPv4 address or CIDR used as a host", async () => {
    await fc.assert(
      fc.asyncProperty(ipv4, fc.option(fc.integer({ min: 8, max: 32 }), { nil: undefined }), async (address, prefix) => {
        const host = prefix === undefined ? address : `${address}/${prefix}`;
        expectViolations(await runPolicy(policy, [withHosts([host])]), [{ resource: label, path: "spec.hosts[0]", found: JSON.stringify(host) }]);
      }),
      propertyRuns,
    );
  });
});
