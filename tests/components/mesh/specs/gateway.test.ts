import fc from "fast-check";
import { acmeChallengePrefix, meshIngressObjects, notPrefixRegex } from "../../../../components/mesh/specs/gateway";
import { propertyRuns } from "../../../arbitraries/runs";
import { type Loose, meshSettings } from "../../../support/meshRender";

const ingress = (changes: Record<string, unknown> = {}) => meshSettings({ ingress: { hosts: ["api.example.com", "shop.example.com"], ...changes } }).ingress;

describe("the ingress Gateway", () => {
  test("lives in istio-ingress, selects the ingress gateway pods and is referenced as istio-ingress/ingress", () => {
    const objects = meshIngressObjects(ingress());
    expect(objects.gateway).toMatchObject({ kind: "Gateway", name: "ingress", namespace: "istio-ingress", spec: { selector: { istio: "ingressgateway" } } });
    expect(objects.reference).toBe("istio-ingress/ingress");
  });

  test("one HTTPS server per host, each with its own secret and a unique port name", () => {
    const servers = (meshIngressObjects(ingress()).gateway.spec as Loose).servers.filter((server: Loose) => server.port.protocol === "HTTPS");
    expect(servers.map((server: Loose) => [server.hosts, server.tls.credentialName, server.port.name])).toEqual([
      [["api.example.com"], "api-example-com-tls", "https-api-example-com"],
      [["shop.example.com"], "shop-example-com-tls", "https-shop-example-com"],
    ]);
  });

  test("a minimum TLS version set to TLSV1_3 reaches every HTTPS server; left unset, no server states one (Envoy: TLS 1.2 and 1.3)", () => {
    const https = (changes: Record<string, unknown>) => (meshIngressObjects(ingress(changes)).gateway.spec as Loose).servers.filter((server: Loose) => server.port.protocol === "HTTPS");
    expect(https({ minProtocolVersion: "TLSV1_3" }).map((server: Loose) => server.tls.minProtocolVersion)).toEqual(["TLSV1_3", "TLSV1_3"]);
    expect(https({}).map((server: Loose) => "minProtocolVersion" in server.tls)).toEqual([false, false]);
  });

  test("without HTTP-01 the HTTP server redirects every request and no redirect VirtualService is made", () => {
    const objects = meshIngressObjects(ingress());
    expect((objects.gateway.spec as Loose).servers[2]).toEqual({ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["api.example.com", "shop.example.com"], tls: { httpsRedirect: true } });
    expect(objects.redirect).toBeUndefined();
  });

  test("with HTTP-01 the HTTP server does not redirect; a VirtualService redirects all paths but the ACME challenge's", () => {
    const objects = meshIngressObjects(ingress({ acmeHttp01: true }));
    expect((objects.gateway.spec as Loose).servers[2].tls).toBeUndefined();
    expect(objects.redirect).toMatchObject({ kind: "VirtualService", name: "ingress-https-redirect", namespace: "istio-ingress" });
    const [route] = (objects.redirect?.spec as Loose).http;
    expect((objects.redirect?.spec as Loose).gateways).toEqual(["istio-ingress/ingress"]);
    expect(route.match).toEqual([{ port: 80, uri: { regex: notPrefixRegex(acmeChallengePrefix) } }]);
    expect(route.redirect).toEqual({ scheme: "https", derivePort: "FROM_PROTOCOL_DEFAULT", redirectCode: 301 });
  });

  test("with the redirect switched off, HTTP is served as is", () => {
    const objects = meshIngressObjects(ingress({ httpsRedirect: false, acmeHttp01: true }));
    expect((objects.gateway.spec as Loose).servers[2].tls).toBeUndefined();
    expect(objects.redirect).toBeUndefined();
  });
});

describe("notPrefixRegex: the RE2 pattern Envoy matches against the whole path", () => {
  const fullMatch = (pattern: string, path: string) => new RegExp(`^(?:${pattern})$`).test(path);

  test.each([
    ["/.well-known/acme-challenge/token", false],
    ["/.well-known/acme-challenge/", false],
    ["/.well-known/acme-challenge", true],
    ["/.well-known/other", true],
    ["/api/orders", true],
    ["/", true],
  ])("%s is redirected: %s", (path, redirected) => {
    expect(fullMatch(notPrefixRegex(acmeChallengePrefix), path)).toBe(redirected);
  });

  test("matches exactly the paths that do not start with the prefix, for any prefix", () => {
    const text = fc.string({ unit: fc.constantFrom("/", ".", "-", "a", "b", "_", "?", "*", "+", "(", "[", "\\") });
    fc.assert(
      fc.property(text.filter((prefix) => prefix.length > 0), text, (prefix, rest) => {
        for (const path of [`${prefix}${rest}`, rest, prefix.slice(0, -1)]) {
          expect(fullMatch(notPrefixRegex(prefix), path)).toBe(!path.startsWith(prefix));
        }
      }),
      { ...propertyRuns },
    );
  });
});
