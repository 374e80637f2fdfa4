import fc from "fast-check";
import { requireValidHosts } from "../../../policy-pack/policies/resource/requireValidHosts";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule, gateway, serviceEntry, sidecar, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidHosts;

describe(policy.name, () => {
  it("passes short, qualified and wildcard hosts where istiod takes them", () =>
    expectCompliant(policy, [
      withField(virtualService(), "spec.hosts", ["reviews", "reviews.shop.svc.cluster.local", "*.example.com"]),
      withField(destinationRule(), "spec.host", "*.shop.svc.cluster.local"),
      withField(gateway(), "spec.servers[0].hosts", ["shop/shop.example.com", "*/*.example.com", "10.0.0.7"]),
      withField(sidecar(), "spec.egress", [{ hosts: ["./*", "istio-system/*", "~/*"] }]),
      serviceEntry(),
    ]));
  it("passes * on a VirtualService bound to a gateway only", () =>
    expectCompliant(policy, [withField(withField(virtualService(), "spec.hosts", ["*"]), "spec.gateways", ["shop/shop-gateway"])]));

  it("fails * on a mesh-bound VirtualService", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.hosts", ["*"])]), [
      { resource: "VirtualService shop/reviews", path: "spec.hosts[0]", found: '"*"', expected: "a host other than * (a mesh-bound VirtualService cannot take every host)" },
    ]));
  it("fails a partial wildcard on a Gateway", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].hosts", ["shop/api*.example.com"])]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].hosts[0]", found: '"shop/api*.example.com"' },
    ]));
  it("fails a Sidecar egress host without namespace", async () =>
    expectViolations(await runPolicy(policy, [withField(sidecar(), "spec.egress", [{ hosts: ["reviews.shop.svc.cluster.local"] }])]), [
      { resource: "Sidecar shop/default", path: "spec.egress[0].hosts[0]", expected: "a host of the form namespace/dnsName" },
    ]));
  it("fails a ServiceEntry host *", async () =>
    expectViolations(await runPolicy(policy, [withField(serviceEntry(), "spec.hosts", ["*"])]), [{ resource: "ServiceEntry shop/payments-api", path: "spec.hosts[0]" }]));
  it("warns on a ServiceEntry partial wildcard (IST0133)", async () => {
    const violations = await runPolicy(policy, [withField(serviceEntry(), "spec.hosts", ["*api.example.com"])]);
    expect(violations[0].message.endsWith("(istioctl IST0133)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.hosts", ["*"])]);

  it("passes any DNS name, or its *. wildcard, on every kind", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), fc.boolean(), async (name, wildcard) => {
        const host = wildcard ? `*.${name}` : name;
        expect(await runPolicy(policy, [withField(virtualService(), "spec.hosts", [host]), withField(destinationRule(), "spec.host", host), withField(gateway(), "spec.servers[0].hosts", [`shop/${host}`]), withField(sidecar(), "spec.egress", [{ hosts: [`./${host}`] }])])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails a * anywhere but at the start of the first label", async () => {
    await fc.assert(
      fc.asyncProperty(dnsName(), async (name) => {
        const [first, ...rest] = name.split(".");
        const host = [`${first}*`, ...rest].join(".");
        expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.host", host)]), [{ resource: "DestinationRule shop/reviews", path: "spec.host", found: JSON.stringify(host) }]);
      }),
      propertyRuns,
    );
  });
});
