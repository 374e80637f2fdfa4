/**
 * The Gateway API ingress's objects for hand-written settings: the manual-deployment Gateway, the redirect (and what
 * changes with HTTP-01 or without the redirect), listener binding through wildcards, header matches and the
 * meshConfig the stack hands istiod.
 */
import { gatewayApiBinding, gatewayApiIngressObjects, gatewayApiMeshConfig, listenersFor } from "../../../../components/mesh/specs/gatewayApi";
import { re2Literal, serviceIngressRouteObjects, versionOfLabel } from "../../../../components/mesh/specs/httpRoute";
import { versionOfLabel as packVersionOfLabel } from "../../../../policy-pack/lib/services";
import type { IngressSettings } from "../../../../settings/mesh";
import { type Loose, meshSettings } from "../../../support/meshRender";

const ingress = (changes: Partial<IngressSettings> = {}): IngressSettings => ({ api: "gateway-api", hosts: ["api.example.com", "*.apps.example.com"], minProtocolVersion: "TLSV1_3", httpsRedirect: true, acmeHttp01: false, ...changes });

describe("the ingress Gateway", () => {
  const { gateway, redirect } = gatewayApiIngressObjects(ingress(), ["shop", "blog"]);
  const spec = gateway.spec as Loose;

  it("binds to the installed ingress gateway's Service by a Hostname address, class istio", () => {
    expect(gateway).toMatchObject({ kind: "Gateway", name: "ingress", namespace: "istio-ingress" });
    expect(spec.gatewayClassName).toBe("istio");
    expect(spec.addresses).toEqual([{ type: "Hostname", value: "istio-ingressgateway.istio-ingress.svc.cluster.local" }]);
  });

  it("has an HTTPS listener per host with its certificate Secret, admitting routes from the app namespaces only", () => {
    expect((spec.listeners as Loose[]).map((listener) => [listener.name, listener.hostname, listener.port, listener.tls?.certificateRefs[0].name])).toEqual([
      ["https-api-example-com", "api.example.com", 443, "api-example-com-tls"],
      ["https-wildcard-apps-example-com", "*.apps.example.com", 443, "wildcard-apps-example-com-tls"],
      ["http", undefined, 80, undefined],
    ]);
    expect(spec.listeners[0].allowedRoutes.namespaces).toEqual({ from: "Selector", selector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["shop", "blog"] }] } });
    expect(spec.listeners[2].allowedRoutes.namespaces).toEqual({ from: "Same" });
  });

  it("redirects every path of port 80 to HTTPS with 301", () => {
    expect(redirect?.spec).toMatchObject({ parentRefs: [{ name: "ingress", sectionName: "http" }], hostnames: ["api.example.com", "*.apps.example.com"] });
    expect((redirect?.spec as Loose).rules[0]).toMatchObject({ matches: [{ path: { type: "PathPrefix", value: "/" } }], filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] });
  });

  it("spares the ACME HTTP-01 path with a regex match when that solver is used", () => {
    const acme = gatewayApiIngressObjects(ingress({ acmeHttp01: true }), ["shop"]).redirect?.spec as Loose;
    const pattern = new RegExp(`^(?:${acme.rules[0].matches[0].path.value})$`);
    expect(acme.rules[0].matches[0].path.type).toBe("RegularExpression");
    expect(pattern.test("/.well-known/acme-challenge/token")).toBe(false);
    expect(pattern.test("/shop")).toBe(true);
  });

  it("without the redirect, has no redirect route and lets app routes use plain HTTP", () => {
    const plain = gatewayApiIngressObjects(ingress({ httpsRedirect: false }), ["shop"]);
    expect(plain.redirect).toBeUndefined();
    expect((plain.gateway.spec as Loose).listeners[2].allowedRoutes.namespaces.from).toBe("Selector");
    expect(listenersFor(plain.binding, "api.example.com")).toEqual(["https-api-example-com", "http"]);
  });
});

describe("a service's HTTPRoute", () => {
  it("attaches each host to the listeners that serve it, wildcards included", () => {
    const binding = gatewayApiBinding(ingress());
    expect(listenersFor(binding, "shop.apps.example.com")).toEqual(["https-wildcard-apps-example-com"]);
    expect(listenersFor(binding, "api.example.com")).toEqual(["https-api-example-com"]);
  });

  it("turns a prefix header match into an anchored-by-Istio regex and keeps exact ones", () => {
    const mesh = meshSettings({
      ingress: { api: "gateway-api", hosts: ["api.example.com"] },
      services: [{ name: "api", namespace: "shop", hosts: ["api.example.com"], routes: [{ name: "ab", match: { headers: { "x-group": { prefix: "beta.1" }, "x-id": { exact: "7" } } }, destinations: [{}] }] }],
    });
    const rule = (serviceIngressRouteObjects(mesh.services[0], gatewayApiBinding(mesh.ingress)).httpRoute.spec as Loose).rules[0];
    expect(rule.matches[0].headers).toEqual([
      { type: "RegularExpression", name: "x-group", value: "beta\\.1.*" },
      { type: "Exact", name: "x-id", value: "7" },
    ]);
    expect(rule.backendRefs).toEqual([{ group: "", kind: "Service", name: "api", port: 80 }]);
  });

  it("escapes every RE2 metacharacter", () => expect(new RegExp(`^${re2Literal("a.b*c+(d)[e]{f}|g^h$i?j\\k")}$`).test("a.b*c+(d)[e]{f}|g^h$i?j\\k")).toBe(true));
});

describe("gatewayApiMeshConfig", () => {
  it("gives istiod the TLS minimum and the ingress retries with the Gateway API ingress, and nothing with Istio's", () => {
    const retries = { attempts: 3, perTryTimeout: "5s", retryOn: "5xx" };
    expect(gatewayApiMeshConfig({ ingress: ingress(), ingressRetries: retries })).toEqual({ tlsDefaults: { minProtocolVersion: "TLSV1_3" }, defaultHttpRetryPolicy: retries });
    expect(gatewayApiMeshConfig({ ingress: ingress({ api: "istio" }), ingressRetries: retries })).toEqual({});
  });
});

describe("the version Services' label", () => {
  test("is the one the policy pack reads to tell a version of an app's Service from the app's own", () => {
    expect(versionOfLabel).toBe(packVersionOfLabel);
  });
});
