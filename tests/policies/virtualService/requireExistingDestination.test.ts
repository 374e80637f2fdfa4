import fc from "fast-check";
import { requireExistingDestination } from "../../../policy-pack/policies/virtualService/requireExistingDestination";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource, service, serviceEntry, versionService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireExistingDestination;
const routeTo = (destination: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  istioResource("VirtualService", "shop", "reviews", { hosts: ["reviews"], http: [{ route: [{ destination }], ...extra }] });

describe(policy.name, () => {
  it("passes a route to a declared Service by short name", () => expectCompliant(policy, [service(), routeTo({ host: "reviews" })]));
  it("passes a route to a ServiceEntry host on one of its ports", () => expectCompliant(policy, [service(), serviceEntry(), routeTo({ host: "api.payments.example.com", port: { number: 443 } })]));
  it("passes hosts of a namespace where the stack declares no Service (another stack owns them)", () => expectCompliant(policy, [routeTo({ host: "ratings.other.svc.cluster.local" })]));

  it("passes the app's own Service where the stack declares only versions of it (istio-mesh.io/version-of: the app team deploys the Service)", () =>
    expectCompliant(policy, [versionService("shop", "reviews-v1"), routeTo({ host: "reviews" })]));
  it("judges the namespace once the stack declares a Service that is not a version of another", async () =>
    expectViolations(await runPolicy(policy, [withField(versionService("shop", "reviews-v1"), "metadata.labels", {}), routeTo({ host: "reviews" })]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.host", found: '"reviews"' },
    ]));

  it("fails a route to a Service the namespace lacks", async () =>
    expectViolations(await runPolicy(policy, [service(), routeTo({ host: "ratings" })]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.host", found: '"ratings"', expected: "a host a Service or ServiceEntry of the stack provides to this namespace" },
    ]));
  it("fails a port the Service does not have", async () =>
    expectViolations(await runPolicy(policy, [service(), routeTo({ host: "reviews", port: { number: 8080 } })]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.port.number", found: "8080", expected: "a port of Service shop/reviews: 9080" },
    ]));
  it("fails a mirror to an external host no ServiceEntry declares", async () =>
    expectViolations(await runPolicy(policy, [service(), routeTo({ host: "reviews" }, { mirror: { host: "shadow.example.com" } })]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].mirror.host", found: '"shadow.example.com"' },
    ]));

  itReportsAtConfiguredLevels(policy, () => [service(), routeTo({ host: "ratings" })]);

  it("passes a route to any declared Service, by short name or FQDN", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.boolean(), async (name, qualified) => {
        expect(await runPolicy(policy, [service("shop", name), routeTo({ host: qualified ? `${name}.shop.svc.cluster.local` : name })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails a route to any Service name the namespace does not declare", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName().filter((name) => name !== "reviews"), async (name) => {
        expectViolations(await runPolicy(policy, [service(), withField(routeTo({ host: name }), "spec.hosts", [name])]), [{ resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.host" }]);
      }),
      propertyRuns,
    );
  });
});
