import type { CorsSettings, FaultSettings, MeshServiceSettings, RouteSettings } from "../../../settings/mesh";
import { compact, serviceFqdn, type Spec } from "./common";

function match(route: RouteSettings): Spec[] | undefined {
  if (route.match === undefined) return undefined;
  const headers = Object.entries(route.match.headers);
  return [
    compact({
      uri: route.match.pathPrefix === undefined ? undefined : { prefix: route.match.pathPrefix },
      headers: headers.length === 0 ? undefined : Object.fromEntries(headers.map(([name, value]) => [name, compact({ ...value })])),
    }),
  ];
}

export function corsPolicy(cors: CorsSettings): Spec {
  return compact({
    allowOrigins: cors.allowOrigins.map((origin) => ({ exact: origin })),
    allowMethods: [...cors.allowMethods],
    allowHeaders: [...cors.allowHeaders],
    exposeHeaders: cors.exposeHeaders.length === 0 ? undefined : [...cors.exposeHeaders],
    maxAge: cors.maxAge,
    allowCredentials: cors.allowCredentials,
  });
}

export function faultSpec(fault: FaultSettings): Spec {
  return compact({
    delay: fault.delay && { percentage: { value: fault.delay.percentage }, fixedDelay: fault.delay.fixedDelay },
    abort: fault.abort && { percentage: { value: fault.abort.percentage }, httpStatus: fault.abort.httpStatus },
  });
}

/**
 * The HTTP routes of a service, in config order: matches, weighted subsets, timeout, each route's retries, CORS and (only
 * when the stack allows fault injection) faults. A single destination carries no weight.
 */
export function httpRoutes(service: MeshServiceSettings, faultInjection: boolean): Spec[] {
  const host = serviceFqdn(service);
  return service.routes.map((route) =>
    compact({
      name: route.name,
      match: match(route),
      route: route.destinations.map((destination) =>
        compact({
          destination: compact({ host, subset: destination.subset, port: { number: service.port } }),
          weight: route.destinations.length > 1 ? destination.weight : undefined,
        }),
      ),
      timeout: service.timeout,
      retries: { attempts: route.retries.attempts, perTryTimeout: route.retries.perTryTimeout, retryOn: route.retries.retryOn },
      corsPolicy: service.cors && corsPolicy(service.cors),
      fault: faultInjection && service.fault ? faultSpec(service.fault) : undefined,
    }),
  );
}

/** Traffic from inside the mesh: the service's own FQDN, bound to the sidecars (no gateways). */
export function meshVirtualServiceSpec(service: MeshServiceSettings, faultInjection: boolean): Spec {
  return { hosts: [serviceFqdn(service)], http: httpRoutes(service, faultInjection) };
}

/** Traffic through the ingress: the service's ingress hosts, bound to the ingress Gateway (`namespace/name`). */
export function ingressVirtualServiceSpec(service: MeshServiceSettings, gateway: string, faultInjection: boolean): Spec {
  return { hosts: [...service.hosts], gateways: [gateway], http: httpRoutes(service, faultInjection) };
}
