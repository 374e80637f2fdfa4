import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseSettings } from "../../settings";
import { hostMatches, meshInput } from "../../settings/mesh";
import { invalidDuration } from "../arbitraries/duration";
import { malformedPrincipal } from "../arbitraries/principal";
import { propertyRuns } from "../arbitraries/runs";
import { weightSplit } from "../arbitraries/weightSplit";
import { problemsOf } from "../support/settingsProblems";

const namespaces = [{ name: "shop" }];

/** A valid service of the example stacks, changed per test. */
function api(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "api",
    namespace: "shop",
    hosts: ["api.example.com"],
    subsets: [{ name: "stable" }, { name: "canary" }],
    routes: [{ name: "primary", destinations: [{ subset: "stable", weight: 90 }, { subset: "canary", weight: 10 }] }],
    jwt: { issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/jwks.json" },
    ...changes,
  };
}

function meshConfig(mesh: Record<string, unknown>): Record<string, unknown> {
  return { namespaces, mesh: { ingress: { hosts: ["api.example.com"] }, ...mesh } };
}

/** Only the mesh's problems: other keys' defaults (e.g. cert-manager's in prod) are not under test here. */
const meshProblems = (stack: string, mesh: Record<string, unknown>) => problemsOf(stack, meshConfig(mesh)).filter((problem) => problem.startsWith("mesh."));

describe("istio-mesh:mesh errors name the key, the value found and what is allowed", () => {
  test("canary weights that do not sum to 100", () => {
    const routes = [{ name: "primary", destinations: [{ subset: "stable", weight: 90 }, { subset: "canary", weight: 20 }] }];
    expect(meshProblems("dev", { services: [api({ routes })] })).toEqual([
      "mesh.services[0].routes[0].destinations: expected weights on every destination summing to 100, got [90,20] (sum 110)",
    ]);
  });

  test("a route to a subset the service does not declare", () => {
    const routes = [{ name: "primary", destinations: [{ subset: "stable", weight: 50 }, { subset: "blue", weight: 50 }] }];
    expect(meshProblems("dev", { services: [api({ routes })] })).toEqual([
      'mesh.services[0].routes[0].destinations[1].subset: expected one of the service\'s subsets (["stable","canary"]), got "blue"',
    ]);
  });

  test("a timeout above 300s", () => {
    expect(meshProblems("dev", { services: [api({ timeout: "301s" })] })).toEqual([
      'mesh.services[0].timeout: expected a duration from 1ms to 300s such as "500ms" or "30s", got "301s"',
    ]);
  });

  test("a principal without the /ns/<namespace>/sa/<account> form", () => {
    expect(meshProblems("dev", { services: [api({ allow: [{ principals: ["shop/api"] }] })] })).toEqual([
      'mesh.services[0].allow[0].principals[0]: expected a principal <trust-domain>/ns/<namespace>/sa/<serviceaccount> such as cluster.local/ns/shop/sa/api, got "shop/api"',
    ]);
  });

  test("a JWT rule without a key source, and one with both", () => {
    expect(meshProblems("dev", { services: [api({ jwt: { issuer: "https://auth.example.com" } })] })).toEqual([
      "mesh.services[0].jwt: expected exactly one key source, jwksUri (https) or jwks (inline), got neither",
    ]);
    expect(meshProblems("dev", { services: [api({ jwt: { issuer: "x", jwksUri: "https://a.example.com/k", jwks: "{}" } })] })).toEqual([
      "mesh.services[0].jwt: expected exactly one key source, jwksUri (https) or jwks (inline), got both",
    ]);
  });

  test("a jwksUri over plain http", () => {
    expect(meshProblems("dev", { services: [api({ jwt: { issuer: "x", jwksUri: "http://auth.example.com/k" } })] })).toEqual([
      'mesh.services[0].jwt.jwksUri: expected an https:// URL, got "http://auth.example.com/k"',
    ]);
  });

  test("invalid host names in the ingress and an external", () => {
    expect(meshProblems("dev", { ingress: { hosts: ["API.example.com"] }, externals: [{ name: "stripe", namespace: "shop", hosts: ["stripe"] }] })).toEqual([
      'mesh.ingress.hosts[0]: expected a DNS host name such as api.example.com or *.example.com (lowercase labels of letters, digits and \'-\', at least two labels), got "API.example.com"',
      'mesh.externals[0].hosts[0]: expected a DNS host name such as api.example.com or *.example.com (lowercase labels of letters, digits and \'-\', at least two labels), got "stripe"',
    ]);
  });

  test("a service in a namespace istio-mesh:namespaces does not declare", () => {
    expect(meshProblems("dev", { services: [api({ namespace: "billing" })] })).toEqual([
      'mesh.services[0].namespace: expected an app namespace declared in istio-mesh:namespaces (["shop"]), got "billing"',
    ]);
  });

  test("a service host the ingress Gateway does not serve", () => {
    expect(meshProblems("dev", { services: [api({ hosts: ["shop.example.com"] })] })).toEqual([
      'mesh.services[0].hosts[0]: expected a host served by mesh.ingress.hosts (["api.example.com"]), got "shop.example.com"',
    ]);
  });

  test("fault injection in staging without the chaos flag, and accepted with it", () => {
    const fault = { abort: { percentage: 5, httpStatus: 503 } };
    expect(meshProblems("staging", { services: [api({ fault })] })).toEqual([
      'mesh.services[0].fault: expected no fault injection in a staging stack (set mesh.faultInjection: true to allow chaos testing), got {"abort":{"percentage":5,"httpStatus":503}}',
    ]);
    expect(meshProblems("staging", { faultInjection: true, services: [api({ fault })] })).toEqual([]);
  });

  test("a minimum TLS version below 1.3: set TLS 1.3 or nothing", () => {
    expect(meshProblems("dev", { ingress: { hosts: ["api.example.com"], minProtocolVersion: "TLSV1_2" } })).toEqual([
      'mesh.ingress.minProtocolVersion: expected "TLSV1_3", or no minProtocolVersion at all (Envoy then accepts TLS 1.2 and 1.3), got "TLSV1_2"',
    ]);
  });

  test("a wildcard ingress host in prod", () => {
    expect(meshProblems("prod", { ingress: { hosts: ["*.example.com"] } })).toEqual([
      'mesh.ingress.hosts[0]: expected an exact host name in a prod stack (no wildcard hosts), got "*.example.com"',
    ]);
  });

  test("retries with 11 attempts", () => {
    expect(meshProblems("dev", { services: [api({ retries: { attempts: 11, perTryTimeout: "1s" } })] })).toEqual([
      "mesh.services[0].retries.attempts: expected an integer from 1 to 10, got 11",
    ]);
  });

  test("an external with a port number listed twice", () => {
    const ports = [{ number: 443, protocol: "HTTPS" }, { number: 443, name: "tls", protocol: "TLS" }];
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ports }] })).toEqual([
      "mesh.externals[0].ports[1].number: expected a port number not listed before, got 443",
    ]);
  });

  test("an external through the egress gateway while istio.egressGateway.enabled is false", () => {
    const config = { ...meshConfig({ externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], viaEgressGateway: true }] }), istio: { egressGateway: { enabled: false } } };
    expect(problemsOf("dev", config)).toEqual([
      "mesh.externals[0].viaEgressGateway: expected false while istio.egressGateway.enabled is false (no egress gateway to route through), got true",
    ]);
  });

  test("an external through the egress gateway on a port that is not plain HTTP", () => {
    const ports = [{ number: 443, protocol: "HTTPS" }];
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ports, viaEgressGateway: true }] })).toEqual([
      'mesh.externals[0].ports: expected one port with protocol HTTP when mesh.externals[0].viaEgressGateway is true (the egress gateway originates the TLS), got ["443/HTTPS"]',
    ]);
  });

  test("an external through the egress gateway with two HTTP ports", () => {
    const ports = [{ number: 80, protocol: "HTTP", targetPort: 443 }, { number: 8080, protocol: "HTTP", targetPort: 8443 }];
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ports, viaEgressGateway: true }] })).toEqual([
      'mesh.externals[0].ports: expected one port with protocol HTTP when mesh.externals[0].viaEgressGateway is true (the egress gateway originates the TLS), got ["80/HTTP","8080/HTTP"]',
    ]);
  });

  test("an external through the egress gateway with a wildcard host", () => {
    const external = { name: "stripe", namespace: "shop", hosts: ["*.stripe.com"], tls: { sni: "api.stripe.com" }, viaEgressGateway: true };
    expect(meshProblems("dev", { externals: [external] })).toEqual([
      'mesh.externals[0].hosts[0]: expected an exact host name when mesh.externals[0].viaEgressGateway is true (the gateway routes to each host by name), got "*.stripe.com"',
    ]);
  });

  test("TLS settings on an external where no port is originated (the app speaks TLS itself on HTTPS, TCP is not originated)", () => {
    const ports = [{ number: 443, protocol: "HTTPS" }, { number: 5432, protocol: "TCP" }];
    expect(meshProblems("dev", { externals: [{ name: "db", namespace: "shop", hosts: ["db.example.com"], ports, addresses: ["10.1.2.3"], tls: { caCertificates: "/etc/ca.pem" } }] })).toEqual([
      "mesh.externals[0].tls: expected no TLS origination settings when no port of mesh.externals[0].ports is HTTP, HTTP2 or GRPC " +
        '(the application\'s own TLS on HTTPS and TLS ports passes through unchanged; TCP and MONGO ports are not originated), got ports ["443/HTTPS","5432/TCP"]',
    ]);
  });

  test("a TCP port without the external's addresses (TCP carries no host name: the proxy would take the port for every destination)", () => {
    const external = { name: "db", namespace: "shop", hosts: ["db.example.com"], ports: [{ number: 27017, protocol: "MONGO" }, { number: 5432, protocol: "TCP" }] };
    expect(meshProblems("dev", { externals: [external] })).toEqual([
      "mesh.externals[0].addresses: expected the external's IP addresses or CIDR blocks for its TCP port mesh.externals[0].ports[1] (5432: TCP carries no host name to match), got nothing",
    ]);
    expect(meshProblems("dev", { externals: [{ ...external, addresses: ["10.1.2.3", "fd00::1"] }] })).toEqual([]);
  });

  test("CIDR blocks for an external of exact hosts (DNS-resolved: the CRD allows CIDRs only where nothing is resolved)", () => {
    const external = { name: "db", namespace: "shop", ports: [{ number: 5432, protocol: "TCP" }], addresses: ["10.9.0.0/16"] };
    expect(meshProblems("dev", { externals: [{ ...external, hosts: ["db.example.com"] }] })).toEqual([
      'mesh.externals[0].addresses[0]: expected an IP address (CIDR blocks need a wildcard host: an entry of exact hosts is DNS-resolved), got "10.9.0.0/16"',
    ]);
    expect(meshProblems("dev", { externals: [{ ...external, hosts: ["*.db.example.com"] }] })).toEqual([]);
  });

  test("addresses that are not IP addresses or CIDR blocks", () => {
    const external = { name: "db", namespace: "shop", hosts: ["db.example.com"], ports: [{ number: 5432, protocol: "TCP" }] };
    for (const address of ["db.example.com", "10.0.0.0/33", "10.0.0.256", "fd00::/129", "10.0.0.0/8/8"]) {
      expect(meshProblems("dev", { externals: [{ ...external, addresses: [address] }] })).toEqual([
        'mesh.externals[0].addresses[0]: expected an IP address or CIDR block such as "10.0.0.5" or "10.0.0.0/24", got ' + JSON.stringify(address),
      ]);
    }
  });

  test("TLS originated to port 80, which speaks plain HTTP, for want of a targetPort", () => {
    const ports = [{ number: 80, protocol: "HTTP" }];
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], ports }] })).toEqual([
      "mesh.externals[0].ports[0].targetPort: expected the server's TLS port (usually 443) for this HTTP port, on which TLS is originated (the server's port 80 speaks plain HTTP), got nothing",
    ]);
  });

  test("wildcard hosts need an SNI only where TLS is originated", () => {
    const ports = [{ number: 443, protocol: "TLS" }];
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["*.stripe.com"], ports }] })).toEqual([]);
    expect(meshProblems("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["*.stripe.com"] }] })).toEqual([
      "mesh.externals[0].tls.sni: expected the server name to send (every host of mesh.externals[0].hosts is a wildcard), got nothing",
    ]);
  });

  test("callers of an external its sidecars call directly (only the egress gateway can check who calls)", () => {
    const external = { name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], callers: ["cluster.local/ns/shop/sa/checkout"] };
    expect(meshProblems("dev", { externals: [external] })).toEqual([
      'mesh.externals[0].callers: expected no callers unless mesh.externals[0].viaEgressGateway is true (only the egress gateway can check who calls an external), got ["cluster.local/ns/shop/sa/checkout"]',
    ]);
  });

  test("a caller in a namespace that does not see the external", () => {
    const external = { name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], viaEgressGateway: true, callers: ["cluster.local/ns/shop/sa/checkout", "cluster.local/ns/billing/sa/invoices"] };
    expect(meshProblems("dev", { externals: [external] })).toEqual([
      'mesh.externals[0].callers[1]: expected a principal in a namespace that sees the external (["shop"], from mesh.externals[0].namespace and mesh.externals[0].exportTo), got "cluster.local/ns/billing/sa/invoices"',
    ]);
  });

  test("a malformed caller names its index", () => {
    const external = { name: "stripe", namespace: "shop", hosts: ["api.stripe.com"], viaEgressGateway: true, callers: ["checkout"] };
    expect(meshProblems("dev", { externals: [external] })).toEqual([expect.stringMatching(/^mesh\.externals\[0\]\.callers\[0\]: expected a principal/)]);
  });

  test("an external through the egress gateway whose namespace and name overflow the gateway's subset name", () => {
    const name = "a".repeat(60);
    expect(meshProblems("dev", { externals: [{ name, namespace: "shop", hosts: ["api.stripe.com"], viaEgressGateway: true }] })).toEqual([
      `mesh.externals[0].name: expected a name that with its namespace fits the egress gateway's subset name <namespace>-<name>[-<n>] (at most 63 characters) when mesh.externals[0].viaEgressGateway is true, got "${name}" (65 characters)`,
    ]);
  });

  test("a misspelt service key is an error, not ignored", () => {
    expect(meshProblems("dev", { services: [api({ timout: "5s" })] })).toEqual([
      expect.stringMatching(/^mesh\.services\[0\]\.timout: expected one of the known keys \(.*\btimeout\b.*\).*got "5s"$/),
    ]);
  });

  test("an external named like a service of its namespace", () => {
    expect(meshProblems("dev", { services: [api()], externals: [{ name: "api", namespace: "shop", hosts: ["api.stripe.com"] }] })).toEqual([
      'mesh.externals[0].name: expected a name no service in namespace shop has (their DestinationRules would collide), got "api"',
    ]);
  });

  test("retries on 5xx and resets on a route that does not declare itself idempotent name the route and the conditions", () => {
    expect(meshProblems("dev", { services: [api({ retries: { attempts: 2, perTryTimeout: "10s", retryOn: "5xx,reset,connect-failure" } })] })).toEqual([
      'mesh.services[0].retries.retryOn: expected no 5xx, reset on route "primary" unless mesh.services[0].routes[0].idempotent is true (those retries repeat requests the upstream may already have processed, e.g. a POST), got "5xx,reset,connect-failure"',
    ]);
  });

  test("a route's own gateway-error retries need the route's idempotent flag; a 502 status counts as well, 503 does not", () => {
    const routes = [
      { name: "reads", idempotent: true, retries: { attempts: 2, perTryTimeout: "5s", retryOn: "gateway-error" }, destinations: [{ subset: "stable" }] },
      { name: "writes", retries: { attempts: 2, perTryTimeout: "5s", retryOn: "connect-failure,502,503" }, destinations: [{ subset: "stable" }] },
    ];
    expect(meshProblems("dev", { services: [api({ routes })] })).toEqual([
      'mesh.services[0].routes[1].retries.retryOn: expected no 502 on route "writes" unless mesh.services[0].routes[1].idempotent is true (those retries repeat requests the upstream may already have processed, e.g. a POST), got "connect-failure,502,503"',
    ]);
  });

  test("retries whose tries, the first one included, overrun the timeout name the route and the numbers", () => {
    expect(meshProblems("dev", { services: [api({ timeout: "30s", retries: { attempts: 3, perTryTimeout: "10s" } })] })).toEqual([
      'mesh.services[0].retries: expected perTryTimeout × (attempts + 1) ≤ mesh.services[0].timeout on route "primary" (the first try counts), got 10s × 4 = 40s > 30s',
    ]);
    const routes = [{ name: "slow", retries: { attempts: 1, perTryTimeout: "1.5s" }, destinations: [{ subset: "stable" }] }];
    expect(meshProblems("dev", { services: [api({ timeout: "2s", routes })] })).toEqual([
      'mesh.services[0].routes[0].retries: expected perTryTimeout × (attempts + 1) ≤ mesh.services[0].timeout on route "slow" (the first try counts), got 1.5s × 2 = 3s > 2s',
    ]);
  });

  test("a per-service rate limit on a service without ingress hosts", () => {
    expect(meshProblems("dev", { services: [api({ hosts: [], rateLimit: { maxTokens: 10, tokensPerFill: 10 } })] })).toEqual([
      "mesh.services[0].rateLimit: expected mesh.services[0].hosts to name ingress hosts (the limit applies at the ingress gateway), got no hosts",
    ]);
  });
});

describe("istio-mesh:mesh defaults", () => {
  const mesh = (stack: string, input: Record<string, unknown>) => parseSettings(stack, meshConfig(input)).mesh;

  test("an empty mesh is valid and creates nothing", () => {
    expect(parseSettings("dev", {}).mesh).toMatchObject({ services: [], externals: [], ingress: { hosts: [] }, rateLimit: undefined });
  });

  test("fault injection is allowed in dev only, unless the chaos flag says otherwise", () => {
    expect(mesh("dev", {}).faultInjection).toBe(true);
    expect(mesh("staging", {}).faultInjection).toBe(false);
    expect(mesh("dev", { faultInjection: false }).faultInjection).toBe(false);
  });

  test("the ingress is Istio's, leaves the minimum TLS version to Envoy unless set and redirects HTTP; HTTP-01 is off unless configured", () => {
    expect(mesh("dev", {}).ingress).toEqual({ api: "istio", hosts: ["api.example.com"], minProtocolVersion: undefined, httpsRedirect: true, acmeHttp01: false });
    expect(mesh("staging", { ingress: { hosts: ["api.example.com"], minProtocolVersion: "TLSV1_3" } }).ingress.minProtocolVersion).toBe("TLSV1_3");
  });

  test("a service gets port 80, version labels on subsets, one route to the first subset", () => {
    const [service] = mesh("dev", { services: [{ name: "worker", namespace: "shop", subsets: [{ name: "blue" }, { name: "green" }] }] }).services;
    expect(service).toMatchObject({ port: 80, hosts: [], timeout: "30s", allow: [] });
    expect(service.subsets).toEqual([{ name: "blue", labels: { version: "blue" } }, { name: "green", labels: { version: "green" } }]);
    expect(service.routes).toEqual([{ name: "default", match: undefined, destinations: [{ subset: "blue" }], idempotent: false, retries: service.retries }]);
  });

  test("retries default to Istio's own policy, which fits the 30s timeout, and a route's own retries replace the service's", () => {
    const routes = [
      { name: "reads", idempotent: true, retries: { attempts: 1, perTryTimeout: "5s", retryOn: "5xx" }, destinations: [{}] },
      { name: "writes", destinations: [{}] },
    ];
    const [service] = mesh("dev", { services: [{ name: "worker", namespace: "shop", routes }] }).services;
    expect(service.retries).toEqual({ attempts: 2, perTryTimeout: "10s", retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503" });
    expect(service.routes.map((route) => [route.name, route.idempotent, route.retries])).toEqual([
      ["reads", true, { attempts: 1, perTryTimeout: "5s", retryOn: "5xx" }],
      ["writes", false, service.retries],
    ]);
  });

  test("JWT is required by default", () => {
    expect(mesh("dev", { services: [api()] }).services[0].jwt?.required).toBe(true);
  });

  test("an external defaults to TLS origination in its own sidecars (HTTP on 80 to the server's 443), not through the egress gateway, visible to its own namespace", () => {
    const [external] = mesh("dev", { externals: [{ name: "stripe", namespace: "shop", hosts: ["api.stripe.com"] }] }).externals;
    expect(external).toMatchObject({
      ports: [{ number: 80, name: "http-80", protocol: "HTTP", targetPort: 443, tls: "originated" }],
      exportTo: ["shop"],
      tls: { sni: "api.stripe.com", subjectAltNames: [] },
      viaEgressGateway: false,
      callers: [],
    });
  });

  test("who speaks TLS on an external port follows its protocol", () => {
    const ports = ["HTTP", "HTTP2", "GRPC", "HTTPS", "TLS", "TCP", "MONGO"].map((protocol, i) => ({ number: 1000 + i, protocol }));
    const [external] = mesh("dev", { externals: [{ name: "many", namespace: "shop", hosts: ["api.example.org"], ports, addresses: ["192.0.2.1"] }] }).externals;
    expect(external.ports.map((port) => [port.protocol, port.tls])).toEqual([
      ["HTTP", "originated"],
      ["HTTP2", "originated"],
      ["GRPC", "originated"],
      ["HTTPS", "application"],
      ["TLS", "application"],
      ["TCP", "none"],
      ["MONGO", "none"],
    ]);
  });
});

describe("hostMatches: a Gateway host serves a VirtualService host", () => {
  test.each([
    ["api.example.com", "api.example.com", true],
    ["*.example.com", "api.example.com", true],
    ["*.example.com", "a.b.example.com", true],
    ["*.example.com", "example.com", false],
    ["api.example.com", "web.example.com", false],
    ["*.example.com", "api.example.org", false],
  ])("%s serves %s: %s", (gatewayHost, host, expected) => {
    expect(hostMatches(gatewayHost, host)).toBe(expected);
  });
});

describe("generated bad service config is rejected with the key named", () => {
  test("retries whose tries overrun the timeout, and unsafe retry conditions on routes not declared idempotent, name the retries", () => {
    const overBudget = fc.integer({ min: 1, max: 10 }).chain((attempts) =>
      fc.integer({ min: Math.floor(30_000 / (attempts + 1)) + 1, max: 300_000 }).map((ms) => ({ attempts, perTryTimeout: `${ms}ms` })),
    );
    fc.assert(
      fc.property(overBudget, (retries) => {
        expect(meshProblems("dev", { services: [api({ timeout: "30s", retries })] })).toEqual([
          expect.stringMatching(/^mesh\.services\[0\]\.retries: expected perTryTimeout × \(attempts \+ 1\) ≤ mesh\.services\[0\]\.timeout on route "primary"/),
        ]);
      }),
      propertyRuns,
    );
    const unsafe = fc.tuple(fc.constantFrom("5xx", "gateway-error", "reset", "500", "502", "504"), fc.subarray(["connect-failure", "refused-stream", "503"])).map(([bad, safe]) => [...safe, bad].join(","));
    fc.assert(
      fc.property(unsafe, (retryOn) => {
        expect(meshProblems("dev", { services: [api({ retries: { attempts: 2, perTryTimeout: "10s", retryOn } })] })).toEqual([
          expect.stringMatching(/^mesh\.services\[0\]\.retries\.retryOn: expected no \S+ on route "primary" unless mesh\.services\[0\]\.routes\[0\]\.idempotent is true/),
        ]);
      }),
      propertyRuns,
    );
  });

  test("weights that do not sum to 100 name the route's destinations", () => {
    fc.assert(
      fc.property(weightSplit(), fc.integer({ min: 1, max: 50 }), fc.boolean(), (weights, offset, up) => {
        const broken = weights.map((weight, i) => (i === 0 ? Math.min(100, Math.max(0, weight + (up ? offset : -offset))) : weight));
        fc.pre(broken.reduce((sum, weight) => sum + weight, 0) !== 100);
        const subsets = broken.map((_, i) => ({ name: `v${i}` }));
        const routes = [{ name: "split", destinations: broken.map((weight, i) => ({ subset: `v${i}`, weight })) }];
        const problems = meshProblems("dev", { services: [api({ subsets, routes })] });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^mesh\.services\[0\]\.routes\[0\]\.destinations: expected weights on every destination summing to 100/);
      }),
      { ...propertyRuns },
    );
  });

  test("invalid timeouts name the service's timeout", () => {
    fc.assert(
      fc.property(invalidDuration(), (timeout) => {
        expect(meshProblems("dev", { services: [api({ timeout })] })).toEqual([expect.stringMatching(/^mesh\.services\[0\]\.timeout: expected a duration from 1ms to 300s/)]);
      }),
      { ...propertyRuns },
    );
  });

  test("malformed principals name the principal's index", () => {
    fc.assert(
      fc.property(malformedPrincipal(), (principal) => {
        const allow = [{ principals: ["cluster.local/ns/shop/sa/api", principal] }];
        expect(meshProblems("dev", { services: [api({ allow })] })).toEqual([expect.stringMatching(/^mesh\.services\[0\]\.allow\[0\]\.principals\[1\]: expected a principal/)]);
      }),
      { ...propertyRuns },
    );
  });
});

describe("the description of istio-mesh:mesh in Pulumi.yaml", () => {
  const description = (parse(fs.readFileSync(path.resolve(__dirname, "../../Pulumi.yaml"), "utf8")) as { config: Record<string, { description: string }> }).config.mesh.description;
  const { shape } = meshInput;

  test.each([
    ["mesh", Object.keys(shape)],
    ["mesh.services[]", Object.keys(shape.services.unwrap().element.shape)],
    ["mesh.externals[]", Object.keys(shape.externals.unwrap().element.shape)],
  ])("names every key of %s", (_key, keys) => {
    for (const key of keys) expect(description).toMatch(new RegExp(`\\b${key}\\b`));
  });
});
