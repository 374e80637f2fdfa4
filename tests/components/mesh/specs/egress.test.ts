import { meshEgressObjects } from "../../../../components/mesh/specs/egress";
import { egressGatewayObjects } from "../../../../components/mesh/specs/egressGateway";
import { loadIstioSchemas } from "../../../support/istioSchema";
import { type Loose, meshSettings, renderMeshConfig, schemaProblems } from "../../../support/meshRender";

const external = (changes: Record<string, unknown>) => meshSettings({ externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ...changes }] }).externals[0];
/** The egress gateway's objects for externals of the app namespaces `shop` and `geo`. */
const gatewayObjectsFor = (externals: Record<string, unknown>[]) =>
  egressGatewayObjects(renderMeshConfig({ environment: "staging", namespaces: ["shop", "geo"], mesh: { externals } }).mesh.externals);
const portLevel = (changes: Record<string, unknown>, rule = 0) => (meshEgressObjects(external(changes)).destinationRules[rule].spec as Loose).trafficPolicy.portLevelSettings;
const verified = { mode: "SIMPLE", sni: "api.stripe.com", subjectAltNames: ["api.stripe.com"], insecureSkipVerify: false };
const pool = { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 100, http2MaxRequests: 1000 } };
const outlier = { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 };

describe("an external dependency", () => {
  test("a DNS-resolved MESH_EXTERNAL ServiceEntry (plain HTTP from the app on 80, to the server's 443) and a DestinationRule originating verified TLS on that port", () => {
    const objects = meshEgressObjects(external({}));
    expect(objects.serviceEntry).toEqual({
      kind: "ServiceEntry",
      name: "stripe",
      namespace: "shop",
      spec: { hosts: ["api.stripe.com"], ports: [{ number: 80, name: "http-80", protocol: "HTTP", targetPort: 443 }], location: "MESH_EXTERNAL", resolution: "DNS", exportTo: ["shop"] },
    });
    expect(objects.destinationRules).toHaveLength(1);
    expect(objects.destinationRules[0]).toEqual({
      kind: "DestinationRule",
      name: "stripe",
      namespace: "shop",
      spec: { host: "api.stripe.com", exportTo: ["shop"], trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, connectionPool: pool, outlierDetection: outlier, tls: verified }] } },
    });
  });

  test("no TLS for the whole host: an app speaking TLS itself on 443/HTTPS is not encrypted twice", () => {
    const rule = meshEgressObjects(external({ ports: [{ number: 443, protocol: "HTTPS" }] })).destinationRules[0].spec as Loose;
    expect(rule.trafficPolicy.tls).toBeUndefined();
    expect(rule.trafficPolicy.portLevelSettings).toEqual([{ port: { number: 443 }, connectionPool: pool, outlierDetection: outlier, tls: { mode: "DISABLE" } }]);
  });

  test("TLS stated port by port: originated on HTTP, HTTP2 and GRPC; DISABLE where the app speaks TLS (HTTPS, TLS) or plain TCP (TCP, MONGO)", () => {
    const ports = [
      { number: 80, protocol: "HTTP", targetPort: 443 },
      { number: 8080, protocol: "HTTP2" },
      { number: 9090, protocol: "GRPC" },
      { number: 443, protocol: "HTTPS" },
      { number: 8443, protocol: "TLS" },
      { number: 5432, protocol: "TCP" },
      { number: 27017, protocol: "MONGO" },
    ];
    expect(portLevel({ ports, addresses: ["192.0.2.1"] }).map((setting: Loose) => [setting.port.number, setting.tls.mode])).toEqual([
      [80, "SIMPLE"],
      [8080, "SIMPLE"],
      [9090, "SIMPLE"],
      [443, "DISABLE"],
      [8443, "DISABLE"],
      [5432, "DISABLE"],
      [27017, "DISABLE"],
    ]);
  });

  test("every port keeps the circuit breaking: Istio's port-level settings do not inherit the rule-level ones", () => {
    const ports = [{ number: 80, protocol: "HTTP", targetPort: 443 }, { number: 27017, protocol: "MONGO" }];
    const settings = portLevel({ ports, connectionPool: { maxConnections: 7 }, outlierDetection: { consecutive5xxErrors: 2 } });
    for (const setting of settings) expect(setting).toMatchObject({ connectionPool: { tcp: { maxConnections: 7 } }, outlierDetection: { consecutive5xxErrors: 2 } });
  });

  test("a CA bundle and certificate names from config", () => {
    const [setting] = portLevel({ tls: { caCertificates: "/etc/certs/ca.pem", subjectAltNames: ["*.stripe.com"] } });
    expect(setting.tls).toMatchObject({ caCertificates: "/etc/certs/ca.pem", subjectAltNames: ["*.stripe.com"] });
  });

  test("several hosts: one DestinationRule each, numbered, each with its own SNI", () => {
    const rules = meshEgressObjects(external({ hosts: ["api.stripe.com", "files.stripe.com"] })).destinationRules;
    expect(rules.map((rule) => [rule.name, (rule.spec as Loose).trafficPolicy.portLevelSettings[0].tls.sni])).toEqual([
      ["stripe-1", "api.stripe.com"],
      ["stripe-2", "files.stripe.com"],
    ]);
  });

  test("a wildcard host: resolution NONE and the configured SNI", () => {
    const objects = meshEgressObjects(external({ hosts: ["*.stripe.com"], tls: { sni: "api.stripe.com" } }));
    expect((objects.serviceEntry.spec as Loose).resolution).toBe("NONE");
    expect((objects.destinationRules[0].spec as Loose).trafficPolicy.portLevelSettings[0].tls).toEqual({ mode: "SIMPLE", sni: "api.stripe.com", insecureSkipVerify: false });
  });

  test("only wildcard hosts and no SNI is a config error where TLS is originated, and none where the app speaks TLS itself", () => {
    expect(() => external({ hosts: ["*.stripe.com"] })).toThrow("mesh.externals[0].tls.sni: expected the server name to send");
    expect(portLevel({ hosts: ["*.stripe.com"], ports: [{ number: 443, protocol: "TLS" }] })[0].tls).toEqual({ mode: "DISABLE" });
  });
});

describe("an external dependency through the egress gateway (viaEgressGateway)", () => {
  const gatewayReference = "istio-egress/shop-stripe-egress";
  const gatewayHost = "istio-egressgateway.istio-egress.svc.cluster.local";

  test("direct by default: no Gateway or VirtualService, exported to its own namespace only", () => {
    const objects = meshEgressObjects(external({}));
    expect(objects.egressRoute).toBeUndefined();
    expect((objects.serviceEntry.spec as Loose).exportTo).toEqual(["shop"]);
  });

  test("a Gateway in istio-egress accepting the external's hosts only as Istio mTLS: HTTPS on 443 with ISTIO_MUTUAL, no secret", () => {
    expect(meshEgressObjects(external({ viaEgressGateway: true })).egressRoute?.gateway).toEqual({
      kind: "Gateway",
      name: "shop-stripe-egress",
      namespace: "istio-egress",
      spec: { selector: { istio: "egressgateway" }, servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["api.stripe.com"], tls: { mode: "ISTIO_MUTUAL" } }] },
    });
  });

  test("a VirtualService bound to the mesh and that Gateway: sidecars to the gateway's subset for the host on 443, the gateway to the external's port", () => {
    const [vs] = meshEgressObjects(external({ viaEgressGateway: true })).egressRoute?.virtualServices ?? [];
    expect(vs).toEqual({
      kind: "VirtualService",
      name: "stripe-egress",
      namespace: "shop",
      spec: {
        hosts: ["api.stripe.com"],
        gateways: ["mesh", gatewayReference],
        http: [
          { name: "to-egress-gateway", match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: gatewayHost, subset: "shop-stripe", port: { number: 443 } } }] },
          { name: "to-external", match: [{ gateways: [gatewayReference], port: 443 }], route: [{ destination: { host: "api.stripe.com", port: { number: 80 } } }] },
        ],
      },
    });
  });

  test("the ServiceEntry and the DestinationRule are exported to istio-egress too, and the DestinationRule originates verified TLS at the gateway", () => {
    const objects = meshEgressObjects(external({ viaEgressGateway: true, exportTo: ["shop"] }));
    expect((objects.serviceEntry.spec as Loose).exportTo).toEqual(["shop", "istio-egress"]);
    const rule = objects.destinationRules[0].spec as Loose;
    expect(rule.exportTo).toEqual(["shop", "istio-egress"]);
    expect(rule.trafficPolicy.portLevelSettings[0]).toMatchObject({ port: { number: 80 }, tls: verified });
  });

  test("a custom HTTP port: the sidecars match it and the gateway sends on to it", () => {
    const [vs] = meshEgressObjects(external({ viaEgressGateway: true, ports: [{ number: 8080, protocol: "HTTP", targetPort: 443 }] })).egressRoute?.virtualServices ?? [];
    const [toGateway, toExternal] = (vs.spec as Loose).http;
    expect(toGateway.match).toEqual([{ gateways: ["mesh"], port: 8080 }]);
    expect(toExternal.route).toEqual([{ destination: { host: "api.stripe.com", port: { number: 8080 } } }]);
  });

  test("several hosts: one Gateway serving all, one VirtualService per host routing to the host's own subset, numbered like the DestinationRules", () => {
    const route = meshEgressObjects(external({ viaEgressGateway: true, hosts: ["api.stripe.com", "files.stripe.com"] })).egressRoute;
    expect((route?.gateway.spec as Loose).servers[0].hosts).toEqual(["api.stripe.com", "files.stripe.com"]);
    expect(route?.virtualServices.map((vs) => [vs.name, (vs.spec as Loose).hosts, (vs.spec as Loose).http[0].route[0].destination.subset, (vs.spec as Loose).http[1].route[0].destination.host])).toEqual([
      ["stripe-egress-1", ["api.stripe.com"], "shop-stripe-1", "api.stripe.com"],
      ["stripe-egress-2", ["files.stripe.com"], "shop-stripe-2", "files.stripe.com"],
    ]);
  });

  test("every object is valid against the Istio schemas and CEL rules", async () => {
    await loadIstioSchemas();
    const objects = meshEgressObjects(external({ viaEgressGateway: true, hosts: ["api.stripe.com", "files.stripe.com"] }));
    expect(schemaProblems([objects.serviceEntry, ...objects.destinationRules, ...(objects.egressRoute ? [objects.egressRoute.gateway, ...objects.egressRoute.virtualServices] : [])])).toEqual([]);
  });
});

describe("the egress gateway's own DestinationRule and AuthorizationPolicy", () => {
  const meshWide = () =>
    gatewayObjectsFor([
      { name: "stripe", namespace: "shop", hosts: ["api.stripe.com", "files.stripe.com"], viaEgressGateway: true, callers: ["cluster.local/ns/shop/sa/checkout"] },
      { name: "maps", namespace: "geo", hosts: ["maps.example.net"], exportTo: ["shop"], viaEgressGateway: true },
      { name: "direct", namespace: "geo", hosts: ["direct.example.net"] },
    ]);

  test("one DestinationRule for the gateway's service in istio-egress: a subset per routed host with ISTIO_MUTUAL and SNI = the host, on the port the sidecars use", () => {
    expect(meshWide().destinationRule).toEqual({
      kind: "DestinationRule",
      name: "istio-egressgateway",
      namespace: "istio-egress",
      spec: {
        host: "istio-egressgateway.istio-egress.svc.cluster.local",
        exportTo: ["shop", "geo"],
        subsets: [
          { name: "shop-stripe-1", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "api.stripe.com" } }] } },
          { name: "shop-stripe-2", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "files.stripe.com" } }] } },
          { name: "geo-maps", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "maps.example.net" } }] } },
        ],
      },
    });
  });

  test("an ALLOW policy on the gateway workload: per external its callers' principals, else its namespaces, for its hosts only", () => {
    expect(meshWide().authorizationPolicy).toEqual({
      kind: "AuthorizationPolicy",
      name: "istio-egressgateway",
      namespace: "istio-egress",
      spec: {
        selector: { matchLabels: { istio: "egressgateway" } },
        action: "ALLOW",
        rules: [
          {
            from: [{ source: { principals: ["cluster.local/ns/shop/sa/checkout"] } }],
            to: [{ operation: { hosts: ["api.stripe.com", "api.stripe.com:80", "files.stripe.com", "files.stripe.com:80"] } }],
          },
          { from: [{ source: { namespaces: ["geo", "shop"] } }], to: [{ operation: { hosts: ["maps.example.net", "maps.example.net:80"] } }] },
        ],
      },
    });
  });

  test("no external through the gateway: no DestinationRule, and an ALLOW policy without rules, which admits nothing", () => {
    const objects = gatewayObjectsFor([{ name: "direct", namespace: "geo", hosts: ["direct.example.net"] }]);
    expect(objects.destinationRule).toBeUndefined();
    expect(objects.authorizationPolicy.spec).toEqual({ selector: { matchLabels: { istio: "egressgateway" } }, action: "ALLOW" });
  });

  test("both are valid against the Istio schemas and CEL rules", async () => {
    await loadIstioSchemas();
    const objects = meshWide();
    expect(schemaProblems([objects.authorizationPolicy, ...(objects.destinationRule ? [objects.destinationRule] : [])])).toEqual([]);
  });
});
