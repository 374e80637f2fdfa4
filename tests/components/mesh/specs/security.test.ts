import { namespaceSecurityObjects, serviceAuthorizationSpec, requestAuthenticationSpec, sidecarEgressHosts } from "../../../../components/mesh/specs/security";
import { type Loose, meshSettings, renderMeshConfig } from "../../../support/meshRender";

const api = { name: "api", namespace: "shop", hosts: ["api.example.com"], jwt: { issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks.json" } };
const worker = { name: "worker", namespace: "shop", allow: [{ principals: ["cluster.local/ns/shop/sa/api"], methods: ["POST"], paths: ["/jobs"] }] };
const settings = (services: Record<string, unknown>[], externals: Record<string, unknown>[] = []) =>
  meshSettings({ ingress: { hosts: ["api.example.com"] }, services, externals });

describe("per app namespace", () => {
  test("PeerAuthentication default with the stack's mode, an empty default-deny policy and the Sidecar default", () => {
    const objects = namespaceSecurityObjects("shop", "STRICT", []);
    expect(objects.peerAuthentication).toEqual({ kind: "PeerAuthentication", name: "default", namespace: "shop", spec: { mtls: { mode: "STRICT" } } });
    expect(objects.defaultDeny).toEqual({ kind: "AuthorizationPolicy", name: "default-deny", namespace: "shop", spec: {} });
    expect(objects.sidecar).toMatchObject({ kind: "Sidecar", name: "default", namespace: "shop" });
  });

  const clusterDns = "kube-system/kube-dns.kube-system.svc.cluster.local";

  test("no host is listed twice the way istiod's validation counts it (a host of a namespace already listed as <namespace>/*)", () => {
    const externals = [
      { name: "stripe", namespace: "shop", hosts: ["api.stripe.com", "files.stripe.com"], exportTo: ["maps"] },
      { name: "geo", namespace: "maps", hosts: ["geo.example.net"], exportTo: ["shop"] },
    ];
    const { mesh } = renderMeshConfig({ environment: "staging", namespaces: ["shop", "maps"], mesh: { externals } });
    for (const namespace of ["shop", "maps"]) {
      const hosts = sidecarEgressHosts(namespace, mesh.externals).map((host) => host.replace(/^\.\//, `${namespace}/`));
      const wholeNamespaces = hosts.filter((host) => host.endsWith("/*")).map((host) => host.slice(0, -2));
      expect(hosts.filter((host) => !host.endsWith("/*") && wholeNamespaces.includes(host.split("/")[0]))).toEqual([]);
      expect(new Set(hosts).size).toBe(hosts.length);
    }
  });

  test("the Sidecar reaches its namespace, istio-system, the tracing namespace, the cluster DNS and the externals exported to it", () => {
    const externals = [
      { name: "stripe", namespace: "shop", hosts: ["api.stripe.com"] },
      { name: "geo", namespace: "maps", hosts: ["geo.example.net"], exportTo: ["shop"] },
      { name: "private", namespace: "maps", hosts: ["private.example.net"] },
    ];
    const { mesh } = renderMeshConfig({ environment: "staging", namespaces: ["shop", "maps"], mesh: { externals } });
    expect(sidecarEgressHosts("shop", mesh.externals)).toEqual(["./*", "istio-system/*", "observability/*", clusterDns, "maps/geo.example.net"]);
    expect(sidecarEgressHosts("maps", mesh.externals)).toEqual(["./*", "istio-system/*", "observability/*", clusterDns]);
  });

  test("under REGISTRY_ONLY DNS over TCP and the Kubernetes API are BlackHole unless listed: kube-dns always, the API server where the namespace asks for it", () => {
    expect(sidecarEgressHosts("shop", [])).toEqual(["./*", "istio-system/*", "observability/*", clusterDns]);
    expect(sidecarEgressHosts("shop", [], { kubernetesApi: true })).toEqual(["./*", "istio-system/*", "observability/*", clusterDns, "default/kubernetes.default.svc.cluster.local"]);
    expect(namespaceSecurityObjects("shop", "STRICT", [], { kubernetesApi: true }).sidecar.spec).toEqual({
      egress: [{ hosts: ["./*", "istio-system/*", "observability/*", clusterDns, "default/kubernetes.default.svc.cluster.local"] }],
    });
  });

  test("the Sidecar also reaches the egress gateway's Service when an external exported to it goes through the egress gateway", () => {
    const externals = [
      { name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], viaEgressGateway: true },
      { name: "geo", namespace: "maps", hosts: ["geo.example.net"] },
    ];
    const { mesh } = renderMeshConfig({ environment: "staging", namespaces: ["shop", "maps"], mesh: { externals } });
    expect(sidecarEgressHosts("shop", mesh.externals)).toEqual([
      "./*",
      "istio-system/*",
      "observability/*",
      clusterDns,
      "istio-egress/istio-egressgateway.istio-egress.svc.cluster.local",
    ]);
    expect(sidecarEgressHosts("maps", mesh.externals)).toEqual(["./*", "istio-system/*", "observability/*", clusterDns]);
  });
});

describe("a service's ALLOW policy", () => {
  test("the worker admits only the api's identity, for POST /jobs", () => {
    const spec = serviceAuthorizationSpec(settings([worker]).services[0]) as Loose;
    expect(spec).toEqual({
      selector: { matchLabels: { app: "worker" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/api"] } }], to: [{ operation: { methods: ["POST"], paths: ["/jobs"] } }] }],
    });
  });

  test("a service on the ingress admits the ingress gateway, with a request principal of its issuer when JWT is required", () => {
    const spec = serviceAuthorizationSpec(settings([api]).services[0]) as Loose;
    expect(spec.rules).toEqual([{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"], requestPrincipals: ["https://auth.example.com/*"] } }] }]);
  });

  test("optional JWT adds no request principal requirement", () => {
    const spec = serviceAuthorizationSpec(settings([{ ...api, jwt: { ...api.jwt, required: false } }]).services[0]) as Loose;
    expect(spec.rules[0].from[0].source.requestPrincipals).toBeUndefined();
  });

  test("a service nobody may call gets no ALLOW policy (the default-deny applies)", () => {
    expect(serviceAuthorizationSpec(settings([{ name: "batch", namespace: "shop" }]).services[0])).toBeUndefined();
  });
});

describe("JWT validation", () => {
  test("the issuer with its https jwksUri, for the service's workloads", () => {
    expect(requestAuthenticationSpec(settings([api]).services[0])).toEqual({
      selector: { matchLabels: { app: "api" } },
      jwtRules: [{ issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks.json" }],
    });
  });

  test("an inline key set instead of a URI", () => {
    const spec = requestAuthenticationSpec(settings([{ ...api, jwt: { issuer: "auth", jwks: '{"keys":[]}', audiences: ["shop"] } }]).services[0]) as Loose;
    expect(spec.jwtRules).toEqual([{ issuer: "auth", jwks: '{"keys":[]}', audiences: ["shop"] }]);
  });
});
