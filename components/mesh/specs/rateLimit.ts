import type { MeshSettings, TokenBucket } from "../../../settings/mesh";
import { ingressGateway } from "../../names";
import type { IstioObject, Spec } from "./common";

export const localRateLimitFilter = "envoy.filters.http.local_ratelimit";
const localRateLimitType = "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit";
const typedStruct = "type.googleapis.com/udpa.type.v1.TypedStruct";
/** Applies after Istio's own patches and other default-priority filters, in a defined order (IST0151). */
export const rateLimitPriority = 10;

const always = (runtimeKey: string) => ({ runtime_key: runtimeKey, default_value: { numerator: 100, denominator: "HUNDRED" } });

/** A LocalRateLimit config: the token bucket, enabled and enforced for all requests, marked with a header. */
export function localRateLimitConfig(bucket: TokenBucket | undefined): Spec {
  const value: Spec = { stat_prefix: "http_local_rate_limiter" };
  if (bucket !== undefined) {
    value.token_bucket = { max_tokens: bucket.maxTokens, tokens_per_fill: bucket.tokensPerFill, fill_interval: bucket.fillInterval };
    value.filter_enabled = always("local_rate_limit_enabled");
    value.filter_enforced = always("local_rate_limit_enforced");
    value.response_headers_to_add = [{ append_action: "OVERWRITE_IF_EXISTS_OR_ADD", header: { key: "x-local-rate-limit", value: "true" } }];
  }
  return { "@type": typedStruct, type_url: localRateLimitType, value };
}

/** The per-host buckets: every ingress host with `scope: host`, then each service's own limit on its hosts. */
export function hostBuckets(mesh: Pick<MeshSettings, "ingress" | "rateLimit" | "services">): Map<string, TokenBucket> {
  const buckets = new Map<string, TokenBucket>();
  const set = (hosts: readonly string[], { maxTokens, tokensPerFill, fillInterval }: TokenBucket) =>
    hosts.forEach((host) => buckets.set(host, { maxTokens, tokensPerFill, fillInterval }));
  if (mesh.rateLimit?.scope === "host") set(mesh.ingress.hosts, mesh.rateLimit);
  for (const service of mesh.services) if (service.rateLimit !== undefined) set(service.hosts, service.rateLimit);
  return buckets;
}

/**
 * Local rate limiting on the ingress gateway: the filter before the router (with its own bucket when the scope is
 * `gateway`), and on the HTTPS virtual host of each host with its own bucket a per-filter config on the virtual host
 * itself, so that all routes of the host draw from one bucket (a route-level config would give each route its own).
 * Envoy keeps every bucket per proxy: the limits apply per gateway pod. Undefined when nothing is limited.
 */
export function ingressRateLimitSpec(mesh: Pick<MeshSettings, "ingress" | "rateLimit" | "services">): Spec | undefined {
  const perHost = hostBuckets(mesh);
  if (mesh.rateLimit === undefined && perHost.size === 0) return undefined;
  const gatewayBucket = mesh.rateLimit?.scope === "gateway" ? mesh.rateLimit : undefined;
  const filterPatch = {
    applyTo: "HTTP_FILTER",
    match: {
      context: "GATEWAY",
      listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager", subFilter: { name: "envoy.filters.http.router" } } } },
    },
    patch: { operation: "INSERT_BEFORE", value: { name: localRateLimitFilter, typed_config: localRateLimitConfig(gatewayBucket) } },
  };
  const virtualHostPatches = [...perHost.entries()].map(([host, bucket]) => ({
    applyTo: "VIRTUAL_HOST",
    match: { context: "GATEWAY", routeConfiguration: { vhost: { name: `${host}:443` } } },
    patch: { operation: "MERGE", value: { typed_per_filter_config: { [localRateLimitFilter]: localRateLimitConfig(bucket) } } },
  }));
  return { workloadSelector: { labels: { ...ingressGateway.selector } }, priority: rateLimitPriority, configPatches: [filterPatch, ...virtualHostPatches] };
}

/** The EnvoyFilter `ingress-local-ratelimit` in the ingress gateway's namespace; undefined when nothing is limited. */
export function ingressRateLimitObject(mesh: Pick<MeshSettings, "ingress" | "rateLimit" | "services">): IstioObject | undefined {
  const spec = ingressRateLimitSpec(mesh);
  return spec && { kind: "EnvoyFilter", name: "ingress-local-ratelimit", namespace: ingressGateway.namespace, spec };
}
