import { durationMs } from "./duration";
import { describeValue } from "./errors";
import type { ServiceInput } from "./meshInput";
import type { MeshServiceSettings, RetrySettings, RouteSettings } from "./meshTypes";

/**
 * What the Gateway API ingress (`mesh.ingress.api: gateway-api`) cannot say the way the Istio ingress does, checked
 * per exposed service (one with `hosts`): a key the user set is an error naming it and the reason, a default that
 * cannot be kept is a notice. Mesh-internal traffic keeps its VirtualService either way.
 */

/** `<service>-<subset>`: the Service an HTTPRoute weights for one version (backendRefs name Services, not subsets). */
export function versionServiceName(service: Pick<MeshServiceSettings, "name">, subset: string): string {
  return `${service.name}-${subset}`;
}

/** The subsets an exposed service's routes send ingress traffic to, in order of first use. */
export function routedSubsets(service: Pick<MeshServiceSettings, "routes">): string[] {
  return [...new Set(service.routes.flatMap((route) => route.destinations.flatMap((destination) => (destination.subset === undefined ? [] : [destination.subset]))))];
}

/** The path Istio ranks an HTTPRoute match by: the prefix without its trailing `/` (Istio trims it), `/` when none. */
function rankedPath(route: RouteSettings): string {
  const prefix = route.match?.pathPrefix ?? "/";
  return prefix === "/" ? prefix : prefix.replace(/\/$/, "");
}

/**
 * Istio orders a Gateway's HTTPRoute rules by path length, then by the number of header matches, not by their
 * position (sortHTTPRoutes in Istio's Gateway API conversion). Route `later` takes requests from `earlier` when it
 * ranks higher and both can match one request.
 */
function outranks(later: RouteSettings, earlier: RouteSettings): boolean {
  const [laterPath, earlierPath] = [rankedPath(later), rankedPath(earlier)];
  const laterHeaders = Object.keys(later.match?.headers ?? {}).length;
  const earlierHeaders = Object.keys(earlier.match?.headers ?? {}).length;
  const ranksHigher = laterPath.length > earlierPath.length || (laterPath.length === earlierPath.length && laterHeaders > earlierHeaders);
  const pathsOverlap = laterPath.startsWith(earlierPath) || earlierPath.startsWith(laterPath);
  const headersExclude = Object.entries(later.match?.headers ?? {}).some(([name, match]) => {
    const other = earlier.match?.headers[name];
    return match.exact !== undefined && other?.exact !== undefined && match.exact !== other.exact;
  });
  return ranksHigher && pathsOverlap && !headersExclude;
}

/** A Gateway API duration (GEP-2257: whole `h`, `m`, `s`, `ms` parts) for a config duration; undefined below 1ms steps. */
export function gatewayApiDuration(text: string): string | undefined {
  const total = durationMs(text);
  if (total === undefined || !Number.isInteger(total)) return undefined;
  const parts: string[] = [];
  let rest = total;
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return parts.length === 0 ? "0s" : parts.join("");
}

/** Problems of one exposed service under the Gateway API ingress, each naming its key. */
export function checkGatewayApiService(service: MeshServiceSettings, input: ServiceInput, key: string, problems: string[]): void {
  if (service.hosts.length === 0) return;
  const why = "with mesh.ingress.api \"gateway-api\"";
  if (input.fault !== undefined) {
    problems.push(`${key}.fault: expected no fault injection on a service with ingress hosts ${why} (HTTPRoute has no fault injection), got ${describeValue(input.fault)}`);
  }
  if (gatewayApiDuration(service.timeout) === undefined) {
    problems.push(`${key}.timeout: expected a duration in whole milliseconds ${why} (HTTPRoute timeouts are GEP-2257 durations), got ${describeValue(service.timeout)}`);
  }
  const maxAge = service.cors?.maxAge;
  if (maxAge !== undefined && !((durationMs(maxAge) ?? 0) % 1000 === 0)) {
    problems.push(`${key}.cors.maxAge: expected whole seconds ${why} (the HTTPRoute CORS filter's maxAge counts seconds), got ${describeValue(maxAge)}`);
  }
  service.routes.forEach((route, r) => {
    const earlier = service.routes.slice(0, r).findIndex((previous) => outranks(route, previous));
    if (earlier >= 0) {
      problems.push(
        `${key}.routes[${r}].match: expected routes ordered from most to least specific ${why} (Istio ranks HTTPRoute rules by path length, then header count, ` +
          `so this route would take requests routes[${earlier}] ${describeValue(service.routes[earlier].name)} takes today); move it before routes[${earlier}], got ${describeValue(route.match ?? {})}`,
      );
    }
  });
}

/** Per-version Service names must be valid, and free in their namespace. */
export function checkVersionServices(services: readonly MeshServiceSettings[], problems: string[]): void {
  const taken = new Map(services.map((service) => [`${service.namespace}/${service.name}`, `mesh.services[${services.indexOf(service)}].name`]));
  services.forEach((service, i) => {
    if (service.hosts.length === 0) return;
    for (const subset of routedSubsets(service)) {
      const name = versionServiceName(service, subset);
      const subsetKey = `mesh.services[${i}].subsets[${service.subsets.findIndex((candidate) => candidate.name === subset)}].name`;
      const owner = taken.get(`${service.namespace}/${name}`);
      if (name.length > 63) problems.push(`${subsetKey}: expected a Service name ${name} of at most 63 characters for the Gateway API ingress, got ${describeValue(subset)}`);
      else if (owner !== undefined) problems.push(`${subsetKey}: expected a version whose Service ${service.namespace}/${name} is not already ${owner}'s, got ${describeValue(subset)}`);
      taken.set(`${service.namespace}/${name}`, subsetKey);
    }
  });
}

const sameRetries = (a: RetrySettings, b: RetrySettings) => a.attempts === b.attempts && a.perTryTimeout === b.perTryTimeout && a.retryOn === b.retryOn;

/**
 * The retry policy of the ingress routes. HTTPRoute's `retry` is experimental in v1.5.1; Istio applies the mesh-wide
 * `meshConfig.defaultHttpRetryPolicy` to every route that states none, so the exposed services must agree: the one
 * set explicitly (else the default) goes there; a different explicit one is an error, a default that is overridden a notice.
 */
export function resolveIngressRetries(
  exposed: readonly { readonly key: string; readonly service: MeshServiceSettings; readonly explicit: boolean }[],
  fallback: RetrySettings,
  problems: string[],
  notices: string[],
): RetrySettings {
  const first = exposed.find((entry) => entry.explicit);
  const chosen = first?.service.retries ?? fallback;
  for (const { key, service, explicit } of exposed) {
    if (sameRetries(service.retries, chosen)) continue;
    if (explicit) {
      problems.push(
        `${key}.retries: expected the retries of ${first?.key}.retries (${describeValue(chosen)}) with mesh.ingress.api "gateway-api": ingress retries are istiod's mesh-wide meshConfig.defaultHttpRetryPolicy, HTTPRoute's retry field being experimental, got ${describeValue(service.retries)}`,
      );
    } else {
      notices.push(`${key}.retries: ingress requests get ${first?.key}.retries (${describeValue(chosen)}) instead of the default ${describeValue(service.retries)}: with the Gateway API ingress one mesh-wide retry policy applies`);
    }
  }
  return chosen;
}
