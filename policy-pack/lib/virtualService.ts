/** Walks a VirtualService spec: its HTTP routes and every destination list (http, tcp, tls). */
import { asArray, asRecord, asString, asStringArray, isSet, Json } from "./values";

export interface Located<T> {
  readonly path: string;
  readonly value: T;
}

export function httpRoutes(spec: Json): Located<Json>[] {
  return asArray(spec.http).map((route, i) => ({ path: `spec.http[${i}]`, value: asRecord(route) }));
}

/** The value of `field` in every HTTP route that sets it, with its path (`spec.http[0].retries`). */
export function httpRouteSettings(spec: Json, field: string): Located<unknown>[] {
  return httpRoutes(spec)
    .filter(({ value }) => isSet(value[field]))
    .map(({ path, value }) => ({ path: `${path}.${field}`, value: value[field] }));
}

/** Every `route` list of destinations, with its path (`spec.tcp[1].route`). */
export function destinationLists(spec: Json): Located<Json[]>[] {
  const lists: Located<Json[]>[] = [];
  for (const protocol of ["http", "tcp", "tls"]) {
    asArray(spec[protocol]).forEach((rule, i) => {
      const route = asRecord(rule).route;
      if (Array.isArray(route)) {
        lists.push({ path: `spec.${protocol}[${i}].route`, value: route.map(asRecord) });
      }
    });
  }
  return lists;
}

/** Every destination (`{host, subset, port}`) with its path. */
export function destinations(spec: Json): Located<Json>[] {
  return destinationLists(spec).flatMap(({ path, value }) =>
    value.map((route, j) => ({ path: `${path}[${j}].destination`, value: asRecord(route.destination) })),
  );
}

/** Every mirror destination of the HTTP routes (`mirror`, and each `mirrors[].destination`) with its path. */
export function mirrorDestinations(spec: Json): Located<Json>[] {
  return httpRoutes(spec).flatMap(({ path, value }) => [
    ...(isSet(value.mirror) ? [{ path: `${path}.mirror`, value: asRecord(value.mirror) }] : []),
    ...asArray(value.mirrors).map((mirror, j) => ({ path: `${path}.mirrors[${j}].destination`, value: asRecord(asRecord(mirror).destination) })),
  ]);
}

/** The gateways a VirtualService binds to; none means the `mesh` gateway. */
export function boundGateways(spec: Json): string[] {
  const gateways = asStringArray(spec.gateways);
  return gateways.length === 0 ? ["mesh"] : gateways;
}

export function isMeshBound(spec: Json): boolean {
  return boundGateways(spec).includes("mesh");
}

/**
 * `ns/name` of a gateway reference, resolved as Istio does: `ns/name`; `./name` and a bare `name` in the
 * VirtualService's own namespace; the legacy `name.ns` or `name.ns.svc.cluster.local` in namespace `ns`.
 */
export function gatewayKey(reference: string, namespace: string): string {
  const slash = reference.indexOf("/");
  if (slash >= 0) {
    return reference.slice(0, slash) === "." ? `${namespace}${reference.slice(slash)}` : reference;
  }
  const [name, gatewayNamespace] = reference.split(".");
  return gatewayNamespace === undefined ? `${namespace}/${name}` : `${gatewayNamespace}/${name}`;
}

export function hostsOf(spec: Json): string[] {
  return asStringArray(spec.hosts);
}

export function destinationHost(destination: Json): string | undefined {
  return asString(destination.host);
}
