/**
 * Reading Gateway API objects the way the spec (and Istio's implementation) does: references with their defaults
 * filled in, listeners, which namespaces a listener admits routes from, hostname intersection and ReferenceGrants.
 */
import { hostsMatch } from "./hosts";
import type { MeshResource } from "./meshResource";
import { asArray, asRecord, asString, asStringArray, asStringMap, type Json } from "./values";
import type { Located } from "./virtualService";

export type { Located } from "./virtualService";
export const gatewayApiGroup = "gateway.networking.k8s.io";

export function listeners(gateway: MeshResource): Located<Json>[] {
  return asArray(gateway.spec.listeners).map((listener, i) => ({ path: `spec.listeners[${i}]`, value: asRecord(listener) }));
}

export function listenerName(listener: Json): string {
  return asString(listener.name) ?? "";
}

/** A parentRef with the spec's defaults: group gateway.networking.k8s.io, kind Gateway, the route's namespace. */
export interface ParentRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}

export function parentRefs(route: MeshResource): Located<ParentRef>[] {
  return asArray(route.spec.parentRefs).map((entry, i) => {
    const ref = asRecord(entry);
    return {
      path: `spec.parentRefs[${i}]`,
      value: {
        group: asString(ref.group) ?? gatewayApiGroup,
        kind: asString(ref.kind) ?? "Gateway",
        namespace: asString(ref.namespace) ?? route.namespace,
        name: asString(ref.name) ?? "",
        sectionName: asString(ref.sectionName),
        port: typeof ref.port === "number" ? ref.port : undefined,
      },
    };
  });
}

export const isGatewayParent = (ref: ParentRef) => ref.group === gatewayApiGroup && ref.kind === "Gateway";

/** A backendRef with defaults: core group, kind Service, the route's namespace. */
export interface BackendRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly port?: number;
  /** @defaultValue 1 */
  readonly weight: number;
}

export function backendRefs(route: MeshResource): Located<BackendRef>[] {
  return asArray(route.spec.rules).flatMap((rule, r) =>
    asArray(asRecord(rule).backendRefs).map((entry, b) => {
      const ref = asRecord(entry);
      return {
        path: `spec.rules[${r}].backendRefs[${b}]`,
        value: {
          group: asString(ref.group) ?? "",
          kind: asString(ref.kind) ?? "Service",
          namespace: asString(ref.namespace) ?? route.namespace,
          name: asString(ref.name) ?? "",
          port: typeof ref.port === "number" ? ref.port : undefined,
          weight: typeof ref.weight === "number" ? ref.weight : 1,
        },
      };
    }),
  );
}

/** A Secret (or other) reference from a listener's `tls.certificateRefs`, with defaults: core group, kind Secret, the Gateway's namespace. */
export function certificateRefs(gateway: MeshResource, listener: Located<Json>): Located<{ group: string; kind: string; namespace: string; name: string }>[] {
  return asArray(asRecord(listener.value.tls).certificateRefs).map((entry, i) => {
    const ref = asRecord(entry);
    return {
      path: `${listener.path}.tls.certificateRefs[${i}]`,
      value: { group: asString(ref.group) ?? "", kind: asString(ref.kind) ?? "Secret", namespace: asString(ref.namespace) ?? gateway.namespace, name: asString(ref.name) ?? "" },
    };
  });
}

/** Whether the listener terminates TLS for clients: HTTPS, or TLS in mode Terminate. */
export function terminatesTls(listener: Json): boolean {
  const protocol = asString(listener.protocol);
  const mode = asString(asRecord(listener.tls).mode) ?? "Terminate";
  return protocol === "HTTPS" || (protocol === "TLS" && mode === "Terminate");
}

function selectorMatches(selector: Json, labels: Record<string, string>): boolean {
  const matchLabels = Object.entries(asStringMap(selector.matchLabels)).every(([key, value]) => labels[key] === value);
  const expressions = asArray(selector.matchExpressions).every((entry) => {
    const expression = asRecord(entry);
    const key = asString(expression.key) ?? "";
    const values = asStringArray(expression.values);
    switch (asString(expression.operator)) {
      case "In":
        return key in labels && values.includes(labels[key]);
      case "NotIn":
        return !(key in labels) || !values.includes(labels[key]);
      case "Exists":
        return key in labels;
      case "DoesNotExist":
        return !(key in labels);
      default:
        return false;
    }
  });
  return matchLabels && expressions;
}

/** The route kinds a listener accepts by default, per its protocol (the spec's and Istio's). */
function defaultRouteKinds(protocol: string | undefined): string[] {
  if (protocol === "HTTP" || protocol === "HTTPS") return ["HTTPRoute", "GRPCRoute"];
  if (protocol === "TLS") return ["TLSRoute"];
  return [];
}

/**
 * Whether a listener of a Gateway in `gatewayNamespace` admits a route of `routeKind` from `routeNamespace`, whose
 * labels are `namespaceLabels` (Kubernetes adds `kubernetes.io/metadata.name` to every Namespace).
 */
export function listenerAdmits(listener: Json, gatewayNamespace: string, routeKind: string, routeNamespace: string, namespaceLabels: Record<string, string>): boolean {
  const allowed = asRecord(listener.allowedRoutes);
  const kinds = asArray(allowed.kinds).map(asRecord);
  const kindAllowed =
    kinds.length === 0 ? defaultRouteKinds(asString(listener.protocol)).includes(routeKind) : kinds.some((kind) => (asString(kind.group) ?? gatewayApiGroup) === gatewayApiGroup && kind.kind === routeKind);
  const namespaces = asRecord(allowed.namespaces);
  const from = asString(namespaces.from) ?? "Same";
  const labels = { ...namespaceLabels, "kubernetes.io/metadata.name": routeNamespace };
  const namespaceAllowed = from === "All" || (from === "Same" && routeNamespace === gatewayNamespace) || (from === "Selector" && selectorMatches(asRecord(namespaces.selector), labels));
  return kindAllowed && namespaceAllowed;
}

/** Whether a route's hostnames (none: every hostname) intersect a listener's hostname (none: every hostname). */
export function hostnamesIntersect(listener: Json, routeHostnames: readonly string[]): boolean {
  const hostname = asString(listener.hostname);
  return hostname === undefined || routeHostnames.length === 0 || routeHostnames.some((routeHostname) => hostsMatch(hostname, routeHostname));
}

/** A reference from an object of `from` to one of `to`, as a ReferenceGrant in the target namespace would allow it. */
export interface CrossReference {
  readonly from: { readonly group: string; readonly kind: string; readonly namespace: string };
  readonly to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string };
}

/** Whether one of the ReferenceGrants (in the target's namespace) allows the reference. */
export function referenceGranted(grants: readonly MeshResource[], reference: CrossReference): boolean {
  return grants.some(
    (grant) =>
      grant.namespace === reference.to.namespace &&
      asArray(grant.spec.from).map(asRecord).some((from) => from.group === reference.from.group && from.kind === reference.from.kind && from.namespace === reference.from.namespace) &&
      asArray(grant.spec.to).map(asRecord).some((to) => (asString(to.group) ?? "") === reference.to.group && to.kind === reference.to.kind && (to.name === undefined || to.name === reference.to.name)),
  );
}
