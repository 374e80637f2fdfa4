/**
 * Mesh-bound VirtualServices per host (istioctl IST0109, scoped by exportTo as istioctl scopes it) and route or
 * mirror subsets defined by a DestinationRule (istioctl checks mirrors too), with the host spellings Istio
 * resolves: short names in the resource's namespace, `svc.ns.svc.cluster.local`, `*.domain` wildcards.
 */
import { forbidConflictingMeshHosts } from "../../../policy-pack/policies/virtualService/forbidConflictingMeshHosts";
import { requireDefinedSubset } from "../../../policy-pack/policies/virtualService/requireDefinedSubset";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { destinationRule, istioResource, serviceEntry } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const routeTo = (namespace: string, name: string, hosts: string[], extra: Record<string, unknown> = {}) =>
  istioResource("VirtualService", namespace, name, {
    hosts,
    http: [{ route: [{ destination: { host: "reviews.shop.svc.cluster.local" } }] }],
    ...extra,
  });
const subsetRoute = (namespace: string, host: string, subset: string, extra: Record<string, unknown> = {}) =>
  istioResource("VirtualService", namespace, "reviews-canary", { hosts: [host], http: [{ route: [{ destination: { host, subset } }], ...extra }] });

describe("one mesh VirtualService per host (IST0109)", () => {
  it("accepts two VirtualServices for different hosts", () =>
    expectCleanWith(routeTo("shop", "reviews", ["reviews"]), routeTo("shop", "ratings", ["ratings"])));
  it("accepts the same short name in two namespaces (different services)", () =>
    expectCleanWith(routeTo("shop", "reviews", ["reviews"]), routeTo("billing", "reviews", ["reviews"])));
  it("accepts one mesh-bound and one gateway-only VirtualService for a host", async () =>
    expect(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["reviews"]), routeTo("shop", "b", ["reviews"], { gateways: ["shop/shop-gateway"] }))).toEqual([]));
  it("accepts namespace-local VirtualServices for one FQDN in two namespaces (exportTo: .)", async () =>
    expect(await findingsOf(
      forbidConflictingMeshHosts.name,
      routeTo("shop", "reviews", ["reviews.shop.svc.cluster.local"], { exportTo: ["."] }),
      routeTo("frontend", "reviews", ["reviews.shop.svc.cluster.local"], { exportTo: ["."] }),
    )).toEqual([]));
  it("accepts VirtualServices for one host exported to disjoint namespaces", async () =>
    expect(await findingsOf(
      forbidConflictingMeshHosts.name,
      routeTo("shop", "reviews-a", ["reviews"], { exportTo: ["frontend"] }),
      routeTo("shop", "reviews-b", ["reviews"], { exportTo: ["batch"] }),
    )).toEqual([]));
  it("accepts a VirtualService exported to no namespace (exportTo: ~) next to one for the same host", async () =>
    expect(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["reviews"], { exportTo: ["~"] }), routeTo("shop", "b", ["reviews"]))).toEqual([]));
  it("accepts a wildcard and an exact host in the same scope, as istioctl keys hosts exactly", async () =>
    expect(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["*.example.com"]), routeTo("shop", "b", ["api.example.com"]))).toEqual([]));

  it("reports a short name and its FQDN claimed by two VirtualServices of one namespace, on each of them", async () =>
    expectViolations(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["reviews"]), routeTo("shop", "b", ["reviews.shop.svc.cluster.local"])), [
      { resource: "VirtualService shop/a", path: "spec.hosts[0]", expected: "a host no other mesh VirtualService claims (VirtualService shop/b also routes reviews.shop.svc.cluster.local)" },
      { resource: "VirtualService shop/b", path: "spec.hosts[0]", expected: "a host no other mesh VirtualService claims (VirtualService shop/a also routes reviews.shop.svc.cluster.local)" },
    ]));
  it("reports a host claimed from another namespace when both are exported everywhere", async () =>
    expectViolations(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["reviews"]), routeTo("frontend", "b", ["reviews.shop.svc.cluster.local"])), [
      { resource: "VirtualService shop/a", path: "spec.hosts[0]" },
      { resource: "VirtualService frontend/b", path: "spec.hosts[0]" },
    ]));
  it("reports an explicit mesh gateway entry like an omitted one", async () =>
    expectViolations(await findingsOf(forbidConflictingMeshHosts.name, routeTo("shop", "a", ["reviews"]), routeTo("shop", "b", ["reviews"], { gateways: ["mesh", "shop/shop-gateway"] })), [
      { resource: "VirtualService shop/a", path: "spec.hosts[0]" },
      { resource: "VirtualService shop/b", path: "spec.hosts[0]" },
    ]));
  it("reports a namespace-local VirtualService that meets one exported everywhere", async () =>
    expectViolations(await findingsOf(
      forbidConflictingMeshHosts.name,
      routeTo("shop", "a", ["reviews"], { exportTo: ["."] }),
      routeTo("frontend", "b", ["reviews.shop.svc.cluster.local"]),
    ), [{ resource: "VirtualService shop/a", path: "spec.hosts[0]" }, { resource: "VirtualService frontend/b", path: "spec.hosts[0]" }]));
  it("reports two VirtualServices exported to a common namespace", async () =>
    expectViolations(await findingsOf(
      forbidConflictingMeshHosts.name,
      routeTo("shop", "a", ["reviews"], { exportTo: [".", "frontend"] }),
      routeTo("shop", "b", ["reviews"], { exportTo: ["frontend"] }),
    ), [{ resource: "VirtualService shop/a", path: "spec.hosts[0]" }, { resource: "VirtualService shop/b", path: "spec.hosts[0]" }]));
});

describe("route and mirror subsets defined by a DestinationRule", () => {
  it("accepts a subset defined by a DestinationRule that names the host fully qualified from another namespace", () =>
    expectCleanWith(subsetRoute("frontend", "reviews.shop.svc.cluster.local", "v2"), destinationRule()));
  it("accepts a subset from a DestinationRule in the root namespace naming the FQDN", () =>
    expectCleanWith(subsetRoute("shop", "reviews", "v1"), withField(destinationRule("istio-system", "reviews"), "spec.host", "reviews.shop.svc.cluster.local")));
  it("accepts a subset of a ServiceEntry-backed host", () =>
    expectCleanWith(
      withField(serviceEntry(), "spec.ports", [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }]),
      subsetRoute("shop", "api.payments.example.com", "primary"),
      istioResource("DestinationRule", "shop", "payments-api", {
        host: "api.payments.example.com",
        trafficPolicy: { tls: { mode: "SIMPLE", sni: "api.payments.example.com" } },
        subsets: [{ name: "primary", labels: { region: "eu" } }],
      }),
    ));
  it("accepts a subset defined by a *.namespace wildcard DestinationRule", () =>
    expectCleanWith(
      subsetRoute("shop", "reviews", "v1"),
      istioResource("DestinationRule", "shop", "all-shop", { host: "*.shop.svc.cluster.local", subsets: [{ name: "v1", labels: { version: "v1" } }] }),
    ));
  it("accepts a DestinationRule with a workloadSelector that defines the subset", () =>
    expectCleanWith(subsetRoute("shop", "reviews", "v1"), withField(destinationRule(), "spec.workloadSelector", { matchLabels: { app: "productpage" } })));
  it("accepts a mirror subset the DestinationRule defines", () =>
    expectCleanWith(subsetRoute("shop", "reviews", "v1", { mirror: { host: "reviews", subset: "v2" }, mirrorPercentage: { value: 10 } }), destinationRule()));
  it("accepts a TCP route subset", () =>
    expectCleanWith(
      istioResource("VirtualService", "shop", "reviews-tcp", { hosts: ["reviews"], tcp: [{ route: [{ destination: { host: "reviews", subset: "v1", port: { number: 9080 } } }] }] }),
      destinationRule(),
    ));

  it("reports a subset when the DestinationRule's short host resolves in another namespace", async () =>
    expectViolations(await findingsOf(requireDefinedSubset.name, subsetRoute("frontend", "reviews", "v1"), destinationRule()), [
      { resource: "VirtualService frontend/reviews-canary", path: "spec.http[0].route[0].destination.subset", expected: "a subset defined by a DestinationRule for reviews.frontend.svc.cluster.local (none exists)" },
    ]));
  it("reports a mirror subset no DestinationRule defines", async () =>
    expectViolations(await findingsOf(requireDefinedSubset.name, subsetRoute("shop", "reviews", "v1", { mirror: { host: "reviews", subset: "shadow" } }), destinationRule()), [
      { resource: "VirtualService shop/reviews-canary", path: "spec.http[0].mirror.subset", found: '"shadow"', expected: "one of the subsets defined for reviews.shop.svc.cluster.local: v1, v2" },
    ]));
  it("reports a subset of one of several mirrors", async () =>
    expectViolations(await findingsOf(requireDefinedSubset.name, subsetRoute("shop", "reviews", "v1", { mirrors: [{ destination: { host: "reviews", subset: "v2" } }, { destination: { host: "reviews", subset: "v9" } }] }), destinationRule()), [
      { resource: "VirtualService shop/reviews-canary", path: "spec.http[0].mirrors[1].destination.subset", found: '"v9"' },
    ]));
  it("reports a subset only a less specific wildcard rule would define, since the exact rule wins", async () =>
    expectViolations(await findingsOf(
      requireDefinedSubset.name,
      subsetRoute("shop", "reviews", "v3"),
      destinationRule(),
      istioResource("DestinationRule", "shop", "all-shop", { host: "*.shop.svc.cluster.local", subsets: [{ name: "v3", labels: { version: "v3" } }] }),
    ), [{ resource: "VirtualService shop/reviews-canary", path: "spec.http[0].route[0].destination.subset", found: '"v3"' }]));
  it("reports a TLS route subset the DestinationRule lacks", async () =>
    expectViolations(await findingsOf(
      requireDefinedSubset.name,
      istioResource("VirtualService", "shop", "reviews-tls", { hosts: ["reviews"], tls: [{ match: [{ port: 443, sniHosts: ["reviews"] }], route: [{ destination: { host: "reviews", subset: "v3" } }] }] }),
      destinationRule(),
    ), [{ resource: "VirtualService shop/reviews-tls", path: "spec.tls[0].route[0].destination.subset" }]));
});
