import { serviceHost } from "../../names";
import type { MeshServiceSettings } from "../../../settings/mesh";

/** A JSON object as it goes into a custom resource's `spec`. */
export type Spec = Record<string, unknown>;

/** The Istio API versions the stack's Istio resources use: v1 everywhere except EnvoyFilter, which has only v1alpha3. */
export const istioKinds = {
  VirtualService: "networking.istio.io/v1",
  DestinationRule: "networking.istio.io/v1",
  Gateway: "networking.istio.io/v1",
  ServiceEntry: "networking.istio.io/v1",
  Sidecar: "networking.istio.io/v1",
  EnvoyFilter: "networking.istio.io/v1alpha3",
  PeerAuthentication: "security.istio.io/v1",
  AuthorizationPolicy: "security.istio.io/v1",
  RequestAuthentication: "security.istio.io/v1",
  Telemetry: "telemetry.istio.io/v1",
} as const;
export type IstioKind = keyof typeof istioKinds;

/** One Istio resource to create: kind, explicit `metadata.name` and namespace, and spec. */
export interface IstioObject {
  readonly kind: IstioKind;
  readonly name: string;
  readonly namespace: string;
  readonly spec: Spec;
}

/** The object as the Kubernetes API receives it. */
export function manifest(object: IstioObject): { apiVersion: string; kind: string; metadata: { name: string; namespace: string }; spec: Spec } {
  return { apiVersion: istioKinds[object.kind], kind: object.kind, metadata: { name: object.name, namespace: object.namespace }, spec: object.spec };
}

/** The pod label every mesh service's workloads carry, and the policies of that service select on. */
export function workloadLabels(service: Pick<MeshServiceSettings, "name">): Record<string, string> {
  return { app: service.name };
}

export function serviceFqdn(service: Pick<MeshServiceSettings, "name" | "namespace">): string {
  return serviceHost(service.name, service.namespace);
}

/** Drops the keys whose value is undefined, so specs carry only what is set. */
export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** The Gateway reference a VirtualService lists: `<namespace>/<name>`. */
export function gatewayReference(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** A name for the `index`-th of `count` objects of one kind: the base name alone when there is one, else numbered from 1. */
export function numberedName(base: string, index: number, count: number): string {
  return count === 1 ? base : `${base}-${index + 1}`;
}
