/**
 * Valid VirtualService and DestinationRule forms the resource policies must leave alone (delegation, fault
 * injection, three-way and TCP splits, subset-level TLS, CA-verified origination) and the breakages they catch.
 */
import { forbidMeshTlsDisable } from "../../../policy-pack/policies/destinationRule/forbidMeshTlsDisable";
import { requireServerVerification } from "../../../policy-pack/policies/destinationRule/requireServerVerification";
import { requireWeightsSum100 } from "../../../policy-pack/policies/virtualService/requireWeightsSum100";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { destinationRule, istioResource, serviceEntry } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const reviewsRoute = (http: unknown[], extra: Record<string, unknown> = {}) => istioResource("VirtualService", "shop", "reviews", { hosts: ["reviews"], http, ...extra });
/** An external the app calls over plain HTTP, for the sidecar to originate TLS to the server's 443. */
const originatedEntry = () => withField(serviceEntry(), "spec.ports", [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }]);
const dest = (subset: string, weight?: number) => ({ destination: { host: "reviews", subset }, ...(weight === undefined ? {} : { weight }) });

describe("VirtualService forms", () => {
  it("accepts a single destination without weight", () => expectCleanWith(reviewsRoute([{ route: [dest("v1")] }]), destinationRule()));
  it("accepts a three-way split summing to 100", () =>
    expectCleanWith(
      reviewsRoute([{ route: [dest("v1", 50), dest("v2", 30), { destination: { host: "reviews" }, weight: 20 }] }]),
      destinationRule(),
    ));
  it("accepts a header-matched canary route before the default route", () =>
    expectCleanWith(reviewsRoute([{ match: [{ headers: { "x-canary": { exact: "true" } } }], route: [dest("v2")] }, { route: [dest("v1")] }]), destinationRule()));
  it("accepts fault injection with a fixed delay and an abort", () =>
    expectCleanWith(reviewsRoute([{ fault: { delay: { fixedDelay: "2s", percentage: { value: 10 } }, abort: { httpStatus: 503, percentage: { value: 1 } } }, route: [dest("v1")] }]), destinationRule()));
  it("accepts delegation to a child VirtualService without hosts", () =>
    expectCleanWith(
      reviewsRoute([{ match: [{ uri: { prefix: "/api" } }], delegate: { name: "reviews-api", namespace: "shop" } }]),
      istioResource("VirtualService", "shop", "reviews-api", { http: [{ route: [dest("v1")] }] }),
      destinationRule(),
    ));
  it("accepts a TCP split", () =>
    expectCleanWith(
      istioResource("VirtualService", "shop", "reviews-tcp", { hosts: ["reviews"], tcp: [{ route: [{ ...dest("v1", 80), destination: { host: "reviews", subset: "v1", port: { number: 9080 } } }, { destination: { host: "reviews", subset: "v2", port: { number: 9080 } }, weight: 20 }] }] }),
      destinationRule(),
    ));
  it("reports a TLS split that doesn't sum to 100", async () =>
    expectViolations(await findingsOf(
      requireWeightsSum100.name,
      istioResource("VirtualService", "shop", "reviews-tls", { hosts: ["reviews"], tls: [{ match: [{ port: 443, sniHosts: ["reviews"] }], route: [dest("v1", 60), dest("v2", 30)] }] }),
      destinationRule(),
    ), [{ resource: "VirtualService shop/reviews-tls", path: "spec.tls[0].route[*].weight", found: "90", expected: "a sum of 100" }]));
});

describe("DestinationRule TLS", () => {
  it("accepts ISTIO_MUTUAL at subset level", () => expectCleanWith(withField(destinationRule(), "spec.subsets[0].trafficPolicy", { tls: { mode: "ISTIO_MUTUAL" } })));
  it("accepts DISABLE towards a host outside the cluster domain", () =>
    expectCleanWith(
      istioResource("ServiceEntry", "shop", "legacy-db", { hosts: ["db.legacy.internal"], addresses: ["10.20.0.5"], location: "MESH_INTERNAL", resolution: "STATIC", endpoints: [{ address: "10.20.0.5" }], ports: [{ number: 5432, name: "tcp-postgres", protocol: "TCP" }] }),
      istioResource("DestinationRule", "shop", "legacy-db", { host: "db.legacy.internal", trafficPolicy: { tls: { mode: "DISABLE" } } }),
    ));
  it("accepts SIMPLE origination verified against a CA", () =>
    expectCleanWith(originatedEntry(), istioResource("DestinationRule", "shop", "payments-api", { host: "api.payments.example.com", trafficPolicy: { tls: { mode: "SIMPLE", sni: "api.payments.example.com", caCertificates: "/etc/certs/payments-ca.pem" } } })));
  it("accepts insecureSkipVerify: false", () =>
    expectCleanWith(originatedEntry(), istioResource("DestinationRule", "shop", "payments-api", { host: "api.payments.example.com", trafficPolicy: { tls: { mode: "SIMPLE", sni: "api.payments.example.com", insecureSkipVerify: false } } })));

  it("reports DISABLE on one port of an in-mesh host given by FQDN", async () =>
    expectViolations(await findingsOf(forbidMeshTlsDisable.name, withField(withField(destinationRule("istio-system", "reviews"), "spec.host", "reviews.shop.svc.cluster.local"), "spec.trafficPolicy.portLevelSettings", [{ port: { number: 9080 }, tls: { mode: "DISABLE" } }])), [
      { resource: "DestinationRule istio-system/reviews", path: "spec.trafficPolicy.portLevelSettings[0].tls.mode", found: '"DISABLE"' },
    ]));
  it("reports DISABLE in a subset of a short-named host", async () =>
    expectViolations(await findingsOf(forbidMeshTlsDisable.name, withField(destinationRule(), "spec.subsets[1].trafficPolicy", { tls: { mode: "DISABLE" } })), [
      { resource: "DestinationRule shop/reviews", path: "spec.subsets[1].trafficPolicy.tls.mode" },
    ]));
  it("reports insecureSkipVerify on MUTUAL origination", async () =>
    expectViolations(await findingsOf(requireServerVerification.name, serviceEntry(), istioResource("DestinationRule", "shop", "payments-api", { host: "api.payments.example.com", trafficPolicy: { tls: { mode: "MUTUAL", sni: "api.payments.example.com", credentialName: "payments-client", insecureSkipVerify: true } } })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.insecureSkipVerify", found: "true" },
    ]));
});
