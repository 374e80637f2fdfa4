import { hostBuckets, ingressRateLimitObject, localRateLimitFilter, rateLimitPriority } from "../../../../components/mesh/specs/rateLimit";
import { type Loose, meshSettings } from "../../../support/meshRender";

const hosts = ["api.example.com", "shop.example.com"];
const mesh = (rateLimit: Record<string, unknown> | undefined, services: Record<string, unknown>[] = []) => meshSettings({ ingress: { hosts }, rateLimit, services });
const api = (rateLimit?: Record<string, unknown>) => ({ name: "api", namespace: "shop", hosts: ["api.example.com"], rateLimit });

describe("ingress local rate limiting", () => {
  test("nothing limited: no EnvoyFilter", () => {
    expect(ingressRateLimitObject(mesh(undefined, [api()]))).toBeUndefined();
  });

  test("a gateway-wide bucket: one filter before the router on the ingress gateway, with priority", () => {
    const object = ingressRateLimitObject(mesh({ maxTokens: 100, tokensPerFill: 50, fillInterval: "2s" }));
    expect(object).toMatchObject({ kind: "EnvoyFilter", name: "ingress-local-ratelimit", namespace: "istio-ingress" });
    const spec = object?.spec as Loose;
    expect(spec.workloadSelector).toEqual({ labels: { istio: "ingressgateway" } });
    expect(spec.priority).toBe(rateLimitPriority);
    expect(spec.configPatches).toHaveLength(1);
    const [patch] = spec.configPatches;
    expect(patch.applyTo).toBe("HTTP_FILTER");
    expect(patch.match.context).toBe("GATEWAY");
    expect(patch.match.listener.filterChain.filter.subFilter.name).toBe("envoy.filters.http.router");
    expect(patch.patch.operation).toBe("INSERT_BEFORE");
    expect(patch.patch.value.name).toBe(localRateLimitFilter);
    const config = patch.patch.value.typed_config;
    expect(config["@type"]).toBe("type.googleapis.com/udpa.type.v1.TypedStruct");
    expect(config.type_url).toBe("type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
    expect(config.value.token_bucket).toEqual({ max_tokens: 100, tokens_per_fill: 50, fill_interval: "2s" });
    expect(config.value.filter_enabled.default_value).toEqual({ numerator: 100, denominator: "HUNDRED" });
    expect(config.value.filter_enforced.default_value).toEqual({ numerator: 100, denominator: "HUNDRED" });
  });

  test("scope host: the filter has no bucket of its own and every ingress host's virtual host gets one, shared by all its routes", () => {
    const spec = ingressRateLimitObject(mesh({ maxTokens: 10, tokensPerFill: 10, scope: "host" }))?.spec as Loose;
    expect(spec.configPatches[0].patch.value.typed_config.value.token_bucket).toBeUndefined();
    expect(spec.configPatches.slice(1).map((patch: Loose) => [patch.applyTo, patch.patch.operation, patch.match.routeConfiguration.vhost])).toEqual([
      ["VIRTUAL_HOST", "MERGE", { name: "api.example.com:443" }],
      ["VIRTUAL_HOST", "MERGE", { name: "shop.example.com:443" }],
    ]);
  });

  test("a host with two routes gets one bucket: no patch targets a route (each route would get its own)", () => {
    const routes = [
      { name: "reads", match: { pathPrefix: "/read" }, destinations: [{}] },
      { name: "writes", destinations: [{}] },
    ];
    const spec = ingressRateLimitObject(mesh(undefined, [{ ...api({ maxTokens: 5, tokensPerFill: 5 }), routes }]))?.spec as Loose;
    const bucketPatches = spec.configPatches.filter((patch: Loose) => patch.patch.value.typed_per_filter_config !== undefined);
    expect(bucketPatches).toHaveLength(1);
    expect(bucketPatches[0].applyTo).toBe("VIRTUAL_HOST");
    expect(spec.configPatches.some((patch: Loose) => patch.applyTo === "HTTP_ROUTE" || patch.match.routeConfiguration?.vhost?.route !== undefined)).toBe(false);
  });

  test("a service's own limit overrides the host scope on its hosts, and works without a gateway-wide limit", () => {
    const settings = mesh({ maxTokens: 10, tokensPerFill: 10, scope: "host" }, [api({ maxTokens: 3, tokensPerFill: 1, fillInterval: "500ms" })]);
    expect(hostBuckets(settings).get("api.example.com")).toEqual({ maxTokens: 3, tokensPerFill: 1, fillInterval: "500ms" });
    expect(hostBuckets(settings).get("shop.example.com")).toEqual({ maxTokens: 10, tokensPerFill: 10, fillInterval: "1s" });
    const onlyService = ingressRateLimitObject(mesh(undefined, [api({ maxTokens: 3, tokensPerFill: 1 })]))?.spec as Loose;
    const perRoute = onlyService.configPatches[1].patch.value.typed_per_filter_config[localRateLimitFilter];
    expect(perRoute.value.token_bucket).toEqual({ max_tokens: 3, tokens_per_fill: 1, fill_interval: "1s" });
  });
});
