/**
 * The hosts a namespace can route to, as istioctl resolves a destination host (analyzers/util/service_lookup.go):
 * ServiceEntry hosts per `exportTo` scope, Kubernetes Services (their FQDN, scoped by the
 * `networking.istio.io/exportTo` annotation), then wildcard ServiceEntry hosts that cover the host.
 */
import { MeshInventory } from "./definePolicy";
import { Kind, MeshResource } from "./meshResource";
import { servicesOf, serviceSourceKinds } from "./services";
import { asArray, asRecord, asString, asStringArray, asStringMap } from "./values";
import { destinations, mirrorDestinations } from "./virtualService";

export const serviceRegistryKinds: readonly Kind[] = ["ServiceEntry", ...serviceSourceKinds];

export interface RegisteredPort {
  readonly number: number;
  readonly name: string;
  readonly protocol: string;
}

export interface RegisteredService {
  readonly resource: MeshResource;
  readonly ports: readonly RegisteredPort[];
  /** A ServiceEntry's `workloadSelector.labels` (empty for Services). */
  readonly workloadLabels: Record<string, string>;
}

/** `reviews` in `shop` → `reviews.shop.svc.cluster.local`; wildcards and dotted names stay as written. */
export function toFqdn(namespace: string, host: string): string {
  return host.startsWith("*") || host.includes(".") ? host : `${host}.${namespace}.svc.cluster.local`;
}

export interface ServiceRegistry {
  /** The service a host names, seen from a resource in `namespace` exported to `exportTo`, or undefined. */
  lookup(namespace: string, exportTo: readonly string[], host: string): RegisteredService | undefined;
  /**
   * Whether the stack answers for a host seen from `namespace`: a cluster-local host (`name`,
   * `name.ns.svc.cluster.local`) only where the stack declares Services in that namespace other than versions of
   * another's Service (another stack may own them); any other host always (only a ServiceEntry provides it).
   */
  owns(namespace: string, host: string): boolean;
}

/** The namespace a cluster-local host lives in, or undefined for other hosts. */
export function clusterLocalNamespace(namespace: string, host: string): string | undefined {
  if (!host.includes(".")) return host.startsWith("*") ? undefined : namespace;
  return /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(host)?.[1];
}

export function serviceRegistry(inventory: MeshInventory): ServiceRegistry {
  const byScope = new Map<string, RegisteredService>();
  const wildcards: Array<{ scope: string; suffix: string; service: RegisteredService }> = [];
  const add = (scope: string, fqdn: string, service: RegisteredService) => {
    byScope.set(`${scope}/${fqdn}`, service);
    if (fqdn.startsWith("*")) wildcards.push({ scope, suffix: fqdn.slice(1), service });
  };
  for (const entry of inventory.of("ServiceEntry")) {
    const service = {
      resource: entry,
      ports: asArray(entry.spec.ports).map((port) => asRecord(port)).map((port) => ({ number: Number(port.number), name: asString(port.name) ?? "", protocol: asString(port.protocol) ?? "" })),
      workloadLabels: asStringMap(asRecord(entry.spec.workloadSelector).labels),
    };
    const exportTo = asStringArray(entry.spec.exportTo);
    for (const host of asStringArray(entry.spec.hosts)) {
      const fqdn = toFqdn(entry.namespace, host);
      if (exportTo.length === 0 || exportTo.includes("*")) add("*", fqdn, service);
      else for (const scope of exportTo) add(scope === "." ? entry.namespace : scope, fqdn, service);
    }
  }
  for (const view of servicesOf(inventory)) {
    const service = { resource: view.resource, ports: view.ports.map((port) => ({ number: port.port, name: port.name, protocol: port.protocol })), workloadLabels: {} };
    const annotation = view.annotations["networking.istio.io/exportTo"];
    const scopes = annotation ? annotation.split(",").map((scope) => scope.trim()).map((scope) => (scope === "." ? view.namespace : scope)) : ["*"];
    for (const scope of scopes) add(scope, toFqdn(view.namespace, view.name), service);
  }
  // A namespace whose Services the stack declares is judged on its hosts; version Services alone don't make it so.
  const serviceNamespaces = new Set(
    servicesOf(inventory)
      .filter((view) => view.resource.kind === "Service" && view.versionOf === undefined)
      .map((view) => view.namespace),
  );
  return {
    owns: (namespace, host) => {
      const hostNamespace = clusterLocalNamespace(namespace, host);
      return hostNamespace === undefined || serviceNamespaces.has(hostNamespace);
    },
    lookup: (namespace, exportTo, host) => {
      const fqdn = toFqdn(namespace, host);
      const direct =
        byScope.get(`*/${fqdn}`) ??
        (exportTo.length === 0 ? byScope.get(`${namespace}/${fqdn}`) : exportTo.map((scope) => byScope.get(`${scope === "." ? namespace : scope}/${fqdn}`)).find(Boolean));
      if (direct) return direct;
      const bare = fqdn.replace(/^\*/, "");
      return wildcards.find(({ scope, suffix }) => (scope === "*" || scope === namespace) && bare.endsWith(suffix))?.service;
    },
  };
}

/** A route or mirror destination of a VirtualService, with the service its host names (if the stack answers for it). */
export interface ResolvedDestination {
  readonly virtualService: MeshResource;
  /** Path of the destination object (`spec.http[0].route[1].destination`, `spec.http[0].mirror`). */
  readonly path: string;
  readonly destination: Record<string, unknown>;
  readonly host: string;
  /** The service the host names; undefined when none does. */
  readonly service: RegisteredService | undefined;
}

/** Every route and mirror destination whose host the stack answers for (see `owns`), resolved once. */
export function resolvedDestinations(inventory: MeshInventory): ResolvedDestination[] {
  const registry = serviceRegistry(inventory);
  return inventory.of("VirtualService").flatMap((virtualService) => {
    const exportTo = asStringArray(virtualService.spec.exportTo);
    return [...destinations(virtualService.spec), ...mirrorDestinations(virtualService.spec)]
      .map(({ path, value }) => ({ path, destination: value, host: asString(value.host) ?? "" }))
      .filter(({ host }) => registry.owns(virtualService.namespace, host))
      .map((entry) => ({ virtualService, ...entry, service: registry.lookup(virtualService.namespace, exportTo, entry.host) }));
  });
}
