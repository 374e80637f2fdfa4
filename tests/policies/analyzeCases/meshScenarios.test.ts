/**
 * Whole, valid configurations of the kind Istio's docs walk through, written for this stack: an ingress for a
 * four-service app with canary subsets, and egress through a dedicated egress gateway (SNI passthrough, and TLS
 * origination behind Istio mTLS from the sidecars). No policy of the pack may object.
 */
import { expectCleanWith } from "../../support/analyzeCases";
import { certificate, gatewayRelease, istioResource } from "../../support/meshFactories";

const svc = (name: string) => `${name}.shop.svc.cluster.local`;

describe("a routed app behind the ingress gateway", () => {
  const resources = () => [
    istioResource("Gateway", "shop", "storefront", {
      selector: { istio: "ingressgateway" },
      servers: [
        { port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["shop/www.example.com"], tls: { mode: "SIMPLE", credentialName: "www-tls", minProtocolVersion: "TLSV1_3" } },
        { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["shop/www.example.com"], tls: { httpsRedirect: true } },
      ],
    }),
    certificate("istio-ingress", "www-tls"),
    istioResource("VirtualService", "shop", "storefront", {
      hosts: ["www.example.com"],
      gateways: ["storefront"],
      http: [
        { match: [{ uri: { prefix: "/api/reviews" } }], route: [{ destination: { host: "reviews", subset: "v1", port: { number: 9080 } } }], timeout: "6s", retries: { attempts: 2, perTryTimeout: "2s", retryOn: "5xx,reset" } },
        { route: [{ destination: { host: svc("productpage"), port: { number: 9080 } } }] },
      ],
    }),
    istioResource("VirtualService", "shop", "reviews", {
      hosts: ["reviews"],
      http: [
        { match: [{ headers: { "end-user": { exact: "tester" } } }], route: [{ destination: { host: "reviews", subset: "v3" } }] },
        { route: [{ destination: { host: "reviews", subset: "v1" }, weight: 75 }, { destination: { host: "reviews", subset: "v2" }, weight: 25 }] },
      ],
    }),
    istioResource("VirtualService", "shop", "ratings", {
      hosts: [svc("ratings")],
      http: [{ fault: { delay: { percentage: { value: 0.1 }, fixedDelay: "5s" } }, route: [{ destination: { host: svc("ratings"), subset: "v1" } }] }],
    }),
    istioResource("DestinationRule", "shop", "reviews", {
      host: "reviews",
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 100, connectTimeout: "3s" }, http: { http2MaxRequests: 1000, idleTimeout: "60s" } }, outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 100 } },
      subsets: ["v1", "v2", "v3"].map((version) => ({ name: version, labels: { version } })),
    }),
    istioResource("DestinationRule", "istio-system", "ratings", { host: svc("ratings"), subsets: [{ name: "v1", labels: { version: "v1" } }] }),
    istioResource("AuthorizationPolicy", "shop", "reviews-viewer", {
      selector: { matchLabels: { app: "reviews" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/productpage"] } }], to: [{ operation: { methods: ["GET"] } }] }],
    }),
    istioResource("RequestAuthentication", "istio-ingress", "edge-jwt", {
      selector: { matchLabels: { istio: "ingressgateway" } },
      jwtRules: [{ issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/.well-known/jwks.json" }],
    }),
    istioResource("Telemetry", "shop", "shop-tracing", { tracing: [{ randomSamplingPercentage: 10 }] }),
  ];
  it("raises nothing", () => expectCleanWith(...resources()));
});

describe("egress through a dedicated egress gateway", () => {
  const egressHost = "istio-egressgateway.istio-egress.svc.cluster.local";
  const resources = () => [
    gatewayRelease("istio-egressgateway", "istio-egress", "egressgateway"),
    istioResource("ServiceEntry", "shop", "news", {
      hosts: ["news.example.org"],
      location: "MESH_EXTERNAL",
      resolution: "DNS",
      ports: [{ number: 443, name: "tls", protocol: "TLS" }],
    }),
    istioResource("Gateway", "istio-egress", "egress-news", {
      selector: { istio: "egressgateway" },
      servers: [{ port: { number: 443, name: "tls", protocol: "TLS" }, hosts: ["news.example.org"], tls: { mode: "PASSTHROUGH" } }],
    }),
    istioResource("DestinationRule", "istio-egress", "egressgateway", { host: egressHost, subsets: [{ name: "news" }] }),
    istioResource("VirtualService", "shop", "news-via-egress", {
      hosts: ["news.example.org"],
      gateways: ["mesh", "istio-egress/egress-news"],
      tls: [
        { match: [{ gateways: ["mesh"], port: 443, sniHosts: ["news.example.org"] }], route: [{ destination: { host: egressHost, subset: "news", port: { number: 443 } } }] },
        { match: [{ gateways: ["istio-egress/egress-news"], port: 443, sniHosts: ["news.example.org"] }], route: [{ destination: { host: "news.example.org", port: { number: 443 } }, weight: 100 }] },
      ],
    }),
    // The app's own TLS passes the sidecar untouched: the rule states DISABLE for the TLS port.
    istioResource("DestinationRule", "shop", "news", { host: "news.example.org", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "DISABLE" } }] } }),
    // Istio's "TLS origination with an egress gateway": Istio mTLS from the sidecars, SNI = the external host.
    istioResource("ServiceEntry", "shop", "weather-api", {
      hosts: ["api.weather.example.com"],
      location: "MESH_EXTERNAL",
      resolution: "DNS",
      ports: [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }],
    }),
    istioResource("Gateway", "istio-egress", "egress-weather", {
      selector: { istio: "egressgateway" },
      servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["api.weather.example.com"], tls: { mode: "ISTIO_MUTUAL" } }],
    }),
    istioResource("DestinationRule", "istio-egress", "egressgateway-mtls", {
      host: egressHost,
      exportTo: ["shop"],
      subsets: [{ name: "weather", trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "ISTIO_MUTUAL", sni: "api.weather.example.com" } }] } }],
    }),
    istioResource("VirtualService", "shop", "weather-via-egress", {
      hosts: ["api.weather.example.com"],
      gateways: ["mesh", "istio-egress/egress-weather"],
      http: [
        { match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: egressHost, subset: "weather", port: { number: 443 } } }] },
        { match: [{ gateways: ["istio-egress/egress-weather"], port: 443 }], route: [{ destination: { host: "api.weather.example.com", port: { number: 80 } } }] },
      ],
    }),
    istioResource("DestinationRule", "shop", "weather-api", {
      host: "api.weather.example.com",
      exportTo: ["shop", "istio-egress"],
      trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: "SIMPLE", sni: "api.weather.example.com" } }] },
    }),
    istioResource("AuthorizationPolicy", "istio-egress", "egressgateway", {
      selector: { matchLabels: { istio: "egressgateway" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/forecast"] } }], to: [{ operation: { hosts: ["api.weather.example.com"] } }] }],
    }),
  ];
  it("raises nothing", () => expectCleanWith(...resources()));
});
