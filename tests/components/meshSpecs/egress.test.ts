import { meshEgressObjects } from "../../../components/meshSpecs/egress";
import { type Loose, meshSettings } from "../../support/meshRender";

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
