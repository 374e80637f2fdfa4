/**
 * `mesh.ingress.api: gateway-api` and `istio-mesh:gatewayApi`: what the Gateway API ingress cannot express the way the
 * Istio ingress does is a config error naming the key (when the user set it) or a notice (when a default gives way),
 * before anything is registered.
 */
import fc from "fast-check";
import { parseSettings } from "../../settings";
import { resolveGatewayApi } from "../../settings/gatewayApi";
import { gatewayApiDuration } from "../../settings/meshGatewayApi";
import { durationWithin } from "../arbitraries/duration";
import { propertyRuns } from "../arbitraries/runs";
import { problemsOf } from "../support/settingsProblems";

const namespaces = [{ name: "shop" }];

function api(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "api",
    namespace: "shop",
    port: 8080,
    hosts: ["api.example.com"],
    subsets: [{ name: "stable" }, { name: "canary" }],
    routes: [
      { name: "beta", match: { pathPrefix: "/api/", headers: { "x-beta": { exact: "true" } } }, destinations: [{ subset: "canary" }] },
      { name: "primary", destinations: [{ subset: "stable", weight: 90 }, { subset: "canary", weight: 10 }] },
    ],
    ...changes,
  };
}

const config = (services: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  namespaces,
  mesh: { ingress: { api: "gateway-api", hosts: ["api.example.com"] }, services },
  ...extra,
});
const meshProblems = (stack: string, services: Record<string, unknown>[], extra?: Record<string, unknown>) =>
  problemsOf(stack, config(services, extra)).filter((problem) => problem.startsWith("mesh.") || problem.startsWith("gatewayApi"));

describe("mesh.ingress.api", () => {
  test("defaults to istio, and gateway-api installs the CRDs unprotected outside prod", () => {
    expect(parseSettings("dev", { namespaces, mesh: { ingress: { hosts: ["api.example.com"] } } }).gatewayApi).toEqual({ crds: undefined, protectCrds: false });
    const settings = parseSettings("dev", config([api()]));
    expect(settings.mesh.ingress.api).toBe("gateway-api");
    expect(settings.gatewayApi).toEqual({ crds: "install", protectCrds: false });
    expect(settings.mesh.notices).toEqual([]);
  });

  test("prod protects the CRDs it installs, unless told otherwise", () => {
    expect(resolveGatewayApi(undefined, "gateway-api", "prod", [])).toEqual({ crds: "install", protectCrds: true });
    expect(resolveGatewayApi({ protectCrds: false }, "gateway-api", "prod", [])).toEqual({ crds: "install", protectCrds: false });
  });

  test("an unknown API is rejected naming the key", () => {
    expect(problemsOf("dev", { namespaces, mesh: { ingress: { api: "ingress-nginx" } } })).toEqual([
      'mesh.ingress.api: expected one of "istio", "gateway-api", got "ingress-nginx"',
    ]);
  });
});

describe("gatewayApi", () => {
  test("is an error while the ingress is Istio's", () => {
    expect(problemsOf("dev", { namespaces, gatewayApi: { crds: "install" } })).toEqual([
      'gatewayApi: expected no Gateway API settings while mesh.ingress.api is "istio" (set mesh.ingress.api: gateway-api to use them), got {"crds":"install"}',
    ]);
  });

  test("protectCrds is an error when the cluster owns the CRDs", () => {
    expect(meshProblems("dev", [api()], { gatewayApi: { crds: "existing", protectCrds: true } })).toEqual([
      'gatewayApi.protectCrds: expected no value with gatewayApi.crds "existing" (the stack installs no CRDs to protect), got true',
    ]);
  });
});

describe("what the Gateway API ingress cannot express", () => {
  test("fault injection on an exposed service", () => {
    expect(meshProblems("dev", [api({ fault: { abort: { percentage: 5, httpStatus: 503 } } })])).toEqual([
      'mesh.services[0].fault: expected no fault injection on a service with ingress hosts with mesh.ingress.api "gateway-api" (HTTPRoute has no fault injection), got {"abort":{"percentage":5,"httpStatus":503}}',
    ]);
  });

  test("a later route that Istio would rank above an earlier one", () => {
    const routes = [
      { name: "all", destinations: [{ subset: "stable" }] },
      { name: "beta", match: { pathPrefix: "/api/" }, destinations: [{ subset: "canary" }] },
    ];
    expect(meshProblems("dev", [api({ routes })])).toEqual([expect.stringMatching(/^mesh\.services\[0\]\.routes\[1\]\.match: expected routes ordered from most to least specific .*routes\[0\] "all"/)]);
  });

  test("routes that rank differently but cannot match one request are kept in order", () => {
    const routes = [
      { name: "a", match: { pathPrefix: "/a" }, destinations: [{ subset: "stable" }] },
      { name: "longer", match: { pathPrefix: "/bbbb" }, destinations: [{ subset: "canary" }] },
      { name: "header-b", match: { pathPrefix: "/a", headers: { "x-v": { exact: "b" } } }, destinations: [{ subset: "canary" }] },
    ];
    expect(meshProblems("dev", [api({ routes: [routes[0], routes[1]] })])).toEqual([]);
    expect(meshProblems("dev", [api({ routes })])).toEqual([expect.stringContaining("mesh.services[0].routes[2].match")]);
  });

  test("a CORS maxAge that is not whole seconds", () => {
    const cors = { allowOrigins: ["https://app.example.com"], allowMethods: ["GET"], allowHeaders: ["authorization"], maxAge: "1500ms" };
    expect(meshProblems("dev", [api({ cors })])).toEqual([
      'mesh.services[0].cors.maxAge: expected whole seconds with mesh.ingress.api "gateway-api" (the HTTPRoute CORS filter\'s maxAge counts seconds), got "1500ms"',
    ]);
  });

  test("a timeout finer than a millisecond", () => {
    // One retry of 1ms fits in 2.5ms (both tries); the half millisecond does not fit an HTTPRoute timeout.
    expect(meshProblems("dev", [api({ timeout: "2.5ms", retries: { attempts: 1, perTryTimeout: "1ms" } })])).toEqual([
      expect.stringMatching(/^mesh\.services\[0\]\.timeout: expected a duration in whole milliseconds/),
    ]);
  });

  test("two exposed services with different explicit retries", () => {
    const web = { name: "web", namespace: "shop", hosts: ["api.example.com"], routes: [{ name: "web", match: { pathPrefix: "/web" }, destinations: [{}] }], retries: { attempts: 5, perTryTimeout: "2s" } };
    expect(meshProblems("dev", [api({ retries: { attempts: 2, perTryTimeout: "10s" } }), web])).toEqual([
      expect.stringMatching(/^mesh\.services\[1\]\.retries: expected the retries of mesh\.services\[0\]\.retries .*meshConfig\.defaultHttpRetryPolicy/),
    ]);
  });

  test("a version Service name another service already has", () => {
    expect(meshProblems("dev", [api(), { name: "api-canary", namespace: "shop" }])).toEqual([
      'mesh.services[0].subsets[1].name: expected a version whose Service shop/api-canary is not already mesh.services[1].name\'s, got "canary"',
    ]);
  });

  test("a default retry policy giving way to another service's explicit one is a notice, not an error", () => {
    const web = { name: "web", namespace: "shop", hosts: ["api.example.com"], routes: [{ name: "web", match: { pathPrefix: "/web" }, destinations: [{}] }] };
    const settings = parseSettings("dev", config([api({ retries: { attempts: 1, perTryTimeout: "10s" } }), web]));
    expect(settings.mesh.ingressRetries).toEqual({ attempts: 1, perTryTimeout: "10s", retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503" });
    expect(settings.mesh.notices).toEqual([expect.stringMatching(/^mesh\.services\[1\]\.retries: ingress requests get mesh\.services\[0\]\.retries/)]);
  });

  test("mesh-internal services keep every setting: only exposed services are checked", () => {
    expect(meshProblems("dev", [api(), { name: "worker", namespace: "shop", fault: { abort: { percentage: 5, httpStatus: 503 } }, retries: { attempts: 9, perTryTimeout: "1s" } }])).toEqual([]);
  });

  test("any fault on any exposed service is rejected naming it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), durationWithin(1, 10_000), (percentage, fixedDelay) => {
        expect(meshProblems("dev", [api({ fault: { delay: { percentage, fixedDelay } } })])).toEqual([expect.stringMatching(/^mesh\.services\[0\]\.fault: expected no fault injection/)]);
      }),
      propertyRuns,
    );
  });

  test("any timeout in whole milliseconds becomes an equal GEP-2257 duration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300_000 }), (ms) => {
        const text = gatewayApiDuration(`${ms}ms`) as string;
        expect(text).toMatch(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/);
        expect(gatewayApiDuration(text)).toBe(text);
        const [h, m, s, milli] = ["h", "m", "s", "ms"].map((unit) => Number(new RegExp(`(\\d+)${unit}(?![a-z])`).exec(text)?.[1] ?? 0));
        expect(((h * 60 + m) * 60 + s) * 1000 + milli).toBe(ms);
      }),
      propertyRuns,
    );
  });
});
