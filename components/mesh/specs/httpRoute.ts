import type { CorsSettings, HeaderMatch, MeshServiceSettings, RouteSettings } from "../../../settings/mesh";
import { durationMs } from "../../../settings/duration";
import { gatewayApiDuration, routedSubsets, versionServiceName } from "../../../settings/meshGatewayApi";
import { serviceHost } from "../../names";
import { compact, type IstioObject, type Spec, workloadLabels } from "./common";
import { serviceTrafficPolicy } from "./destinationRule";
import { type GatewayApiBinding, type GatewayApiObject, gatewayApiGroup, listenersFor } from "./gatewayApi";

/**
 * A service's ingress under the Gateway API: one HTTPRoute with the service's routes, in order, weighting one
 * Service per routed version (backendRefs name Services, not DestinationRule subsets), each version Service with a
 * DestinationRule carrying the service's circuit breaking and Istio mTLS.
 */

/** RE2 (which Istio's header regex is) with every metacharacter of `text` escaped. */
export function re2Literal(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (character) => `\\${character}`);
}

/** A header match in Gateway API terms: exact stays Exact, a prefix becomes the regex `<prefix>.*` (Istio full-matches header regexes). */
function headerMatch(name: string, match: HeaderMatch): Spec {
  if (match.exact !== undefined) return { type: "Exact", name, value: match.exact };
  if (match.prefix !== undefined) return { type: "RegularExpression", name, value: `${re2Literal(match.prefix)}.*` };
  return { type: "RegularExpression", name, value: match.regex };
}

function matches(route: RouteSettings): Spec[] | undefined {
  if (route.match === undefined) return undefined;
  const headers = Object.entries(route.match.headers).map(([name, match]) => headerMatch(name, match));
  return [compact({ path: { type: "PathPrefix", value: route.match.pathPrefix ?? "/" }, headers: headers.length === 0 ? undefined : headers })];
}

/** The HTTPRoute CORS filter; `maxAge` in whole seconds (left to the filter's default of 5 seconds, the browsers' own, when unset). */
export function corsFilter(cors: CorsSettings): Spec {
  return {
    type: "CORS",
    cors: compact({
      allowOrigins: [...cors.allowOrigins],
      allowMethods: [...cors.allowMethods],
      allowHeaders: [...cors.allowHeaders],
      exposeHeaders: cors.exposeHeaders.length === 0 ? undefined : [...cors.exposeHeaders],
      maxAge: cors.maxAge === undefined ? undefined : (durationMs(cors.maxAge) ?? 0) / 1000,
      allowCredentials: cors.allowCredentials,
    }),
  };
}

/** The Service a destination's traffic goes to: the version's own Service, or the whole service without a subset. */
export function backendServiceName(service: MeshServiceSettings, subset: string | undefined): string {
  return subset === undefined ? service.name : versionServiceName(service, subset);
}

/** The HTTPRoute `<service>-ingress`: the service's ingress hosts on their listeners, its routes as rules. */
export function serviceHttpRouteSpec(service: MeshServiceSettings, binding: GatewayApiBinding): Spec {
  const sections = [...new Set(service.hosts.flatMap((host) => listenersFor(binding, host)))];
  return {
    parentRefs: sections.map((sectionName) => ({ group: gatewayApiGroup, kind: "Gateway", namespace: binding.namespace, name: binding.name, sectionName })),
    hostnames: [...service.hosts],
    rules: service.routes.map((route) =>
      compact({
        name: route.name,
        matches: matches(route),
        filters: service.cors && [corsFilter(service.cors)],
        backendRefs: route.destinations.map((destination) =>
          compact({ group: "", kind: "Service", name: backendServiceName(service, destination.subset), port: service.port, weight: route.destinations.length > 1 ? destination.weight : undefined }),
        ),
        timeouts: { request: gatewayApiDuration(service.timeout) },
      }),
    ),
  };
}

/** A Kubernetes Service the program creates: name, namespace, labels and spec. */
export interface ServiceObject {
  readonly kind: "Service";
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: Spec;
}

/**
 * Labels a version Service with the service it is a version of. That Service is the app team's, not this stack's:
 * the policy pack then does not take the namespace's Services to be all declared here (policy-pack/lib/services.ts).
 */
export const versionOfLabel = "istio-mesh.io/version-of";

/** `<service>-<version>`: the service's pods with that version's labels, on the service's port. */
export function versionServiceSpec(service: MeshServiceSettings, subset: string): Spec {
  const labels = service.subsets.find((candidate) => candidate.name === subset)?.labels ?? {};
  return {
    selector: { ...workloadLabels(service), ...labels },
    ports: [{ name: "http", appProtocol: "http", port: service.port, targetPort: service.targetPort }],
  };
}

export interface ServiceIngressRouteObjects {
  readonly httpRoute: GatewayApiObject;
  /** One per version the routes send ingress traffic to. */
  readonly versionServices: readonly ServiceObject[];
  /** One per version Service: the service's connection pool, outlier detection and ISTIO_MUTUAL for its host. */
  readonly versionDestinationRules: readonly IstioObject[];
}

/** Everything one exposed service needs for the Gateway API ingress, in its namespace. */
export function serviceIngressRouteObjects(service: MeshServiceSettings, binding: GatewayApiBinding): ServiceIngressRouteObjects {
  const { namespace } = service;
  const versions = routedSubsets(service);
  return {
    httpRoute: { kind: "HTTPRoute", name: `${service.name}-ingress`, namespace, spec: serviceHttpRouteSpec(service, binding) },
    versionServices: versions.map((subset) => ({
      kind: "Service",
      name: versionServiceName(service, subset),
      namespace,
      labels: { [versionOfLabel]: service.name },
      spec: versionServiceSpec(service, subset),
    })),
    versionDestinationRules: versions.map((subset) => {
      const name = versionServiceName(service, subset);
      return { kind: "DestinationRule", name, namespace, spec: { host: serviceHost(name, namespace), trafficPolicy: serviceTrafficPolicy(service) } };
    }),
  };
}
