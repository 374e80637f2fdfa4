import { meshEgressObjects } from "../../../components/meshSpecs/egress";
import { loadIstioSchemas } from "../../support/istioSchema";
import { type Loose, meshSettings, schemaProblems } from "../../support/meshRender";

const external = (changes: Record<string, unknown>) => meshSettings({ externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ...changes }] }).externals[0];

describe("an external dependency", () => {
  test("a DNS-resolved MESH_EXTERNAL ServiceEntry (plain HTTP from the app on 80, to the server's 443) and a DestinationRule originating verified TLS", () => {
    const objects = meshEgressObjects(external({}));
    expect(objects.serviceEntry).toEqual({
      kind: "ServiceEntry",
      name: "stripe",
      namespace: "shop",
      spec: { hosts: ["api.stripe.com"], ports: [{ number: 80, name: "http-80", protocol: "HTTP", targetPort: 443 }], location: "MESH_EXTERNAL", resolution: "DNS", exportTo: ["shop"] },
    });
    expect(objects.destinationRules).toHaveLength(1);
    expect(objects.destinationRules[0]).toMatchObject({ kind: "DestinationRule", name: "stripe", namespace: "shop", spec: { host: "api.stripe.com" } });
    expect((objects.destinationRules[0].spec as Loose).trafficPolicy.tls).toEqual({ mode: "SIMPLE", sni: "api.stripe.com", subjectAltNames: ["api.stripe.com"], insecureSkipVerify: false });
  });

  test("a CA bundle and certificate names from config", () => {
    const tls = (meshEgressObjects(external({ tls: { caCertificates: "/etc/certs/ca.pem", subjectAltNames: ["*.stripe.com"] } })).destinationRules[0].spec as Loose).trafficPolicy.tls;
    expect(tls).toMatchObject({ caCertificates: "/etc/certs/ca.pem", subjectAltNames: ["*.stripe.com"] });
  });

  test("several hosts: one DestinationRule each, numbered, each with its own SNI", () => {
    const rules = meshEgressObjects(external({ hosts: ["api.stripe.com", "files.stripe.com"] })).destinationRules;
    expect(rules.map((rule) => [rule.name, (rule.spec as Loose).trafficPolicy.tls.sni])).toEqual([
      ["stripe-1", "api.stripe.com"],
      ["stripe-2", "files.stripe.com"],
    ]);
  });

  test("a wildcard host: resolution NONE and the configured SNI", () => {
    const objects = meshEgressObjects(external({ hosts: ["*.stripe.com"], tls: { sni: "api.stripe.com" } }));
    expect((objects.serviceEntry.spec as Loose).resolution).toBe("NONE");
    expect((objects.destinationRules[0].spec as Loose).trafficPolicy.tls).toEqual({ mode: "SIMPLE", sni: "api.stripe.com", insecureSkipVerify: false });
  });

  test("only wildcard hosts and no SNI is a config error", () => {
    expect(() => external({ hosts: ["*.stripe.com"] })).toThrow("mesh.externals[0].tls.sni: expected the server name to send");
  });
});

describe("an external dependency through the egress gateway (viaEgressGateway)", () => {
  const gatewayReference = "istio-egress/shop-stripe-egress";

  test("direct by default: no Gateway or VirtualService, exported to its own namespace only", () => {
    const objects = meshEgressObjects(external({}));
    expect(objects.egressRoute).toBeUndefined();
    expect((objects.serviceEntry.spec as Loose).exportTo).toEqual(["shop"]);
  });

  test("a Gateway in istio-egress with one plain HTTP server on port 80 for the external's hosts", () => {
    expect(meshEgressObjects(external({ viaEgressGateway: true })).egressRoute?.gateway).toEqual({
      kind: "Gateway",
      name: "shop-stripe-egress",
      namespace: "istio-egress",
      spec: { selector: { istio: "egressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["api.stripe.com"] }] },
    });
  });

  test("a VirtualService bound to the mesh and that Gateway: sidecars to the egress gateway, the gateway to the external's port", () => {
    const [vs] = meshEgressObjects(external({ viaEgressGateway: true })).egressRoute?.virtualServices ?? [];
    expect(vs).toEqual({
      kind: "VirtualService",
      name: "stripe-egress",
      namespace: "shop",
      spec: {
        hosts: ["api.stripe.com"],
        gateways: ["mesh", gatewayReference],
        http: [
          { name: "to-egress-gateway", match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: "istio-egressgateway.istio-egress.svc.cluster.local", port: { number: 80 } } }] },
          { name: "to-external", match: [{ gateways: [gatewayReference], port: 80 }], route: [{ destination: { host: "api.stripe.com", port: { number: 80 } } }] },
        ],
      },
    });
  });

  test("the ServiceEntry and the DestinationRule are exported to istio-egress too, and the DestinationRule still originates verified TLS", () => {
    const objects = meshEgressObjects(external({ viaEgressGateway: true, exportTo: ["shop"] }));
    expect((objects.serviceEntry.spec as Loose).exportTo).toEqual(["shop", "istio-egress"]);
    const rule = objects.destinationRules[0].spec as Loose;
    expect(rule.exportTo).toEqual(["shop", "istio-egress"]);
    expect(rule.trafficPolicy.tls).toEqual({ mode: "SIMPLE", sni: "api.stripe.com", subjectAltNames: ["api.stripe.com"], insecureSkipVerify: false });
  });

  test("a custom HTTP port: the sidecars match it and the gateway sends on to it", () => {
    const [vs] = meshEgressObjects(external({ viaEgressGateway: true, ports: [{ number: 8080, protocol: "HTTP", targetPort: 443 }] })).egressRoute?.virtualServices ?? [];
    const [toGateway, toExternal] = (vs.spec as Loose).http;
    expect(toGateway.match).toEqual([{ gateways: ["mesh"], port: 8080 }]);
    expect(toExternal.route).toEqual([{ destination: { host: "api.stripe.com", port: { number: 8080 } } }]);
  });

  test("several hosts: one Gateway serving all, one VirtualService per host, numbered like the DestinationRules", () => {
    const route = meshEgressObjects(external({ viaEgressGateway: true, hosts: ["api.stripe.com", "files.stripe.com"] })).egressRoute;
    expect((route?.gateway.spec as Loose).servers[0].hosts).toEqual(["api.stripe.com", "files.stripe.com"]);
    expect(route?.virtualServices.map((vs) => [vs.name, (vs.spec as Loose).hosts, (vs.spec as Loose).http[1].route[0].destination.host])).toEqual([
      ["stripe-egress-1", ["api.stripe.com"], "api.stripe.com"],
      ["stripe-egress-2", ["files.stripe.com"], "files.stripe.com"],
    ]);
  });

  test("every object is valid against the Istio schemas and CEL rules", async () => {
    await loadIstioSchemas();
    const objects = meshEgressObjects(external({ viaEgressGateway: true, hosts: ["api.stripe.com", "files.stripe.com"] }));
    expect(schemaProblems([objects.serviceEntry, ...objects.destinationRules, ...(objects.egressRoute ? [objects.egressRoute.gateway, ...objects.egressRoute.virtualServices] : [])])).toEqual([]);
  });
});
