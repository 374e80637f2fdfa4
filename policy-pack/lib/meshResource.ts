/**
 * The resources the policies look at, recognised from the engine's type token and props:
 * Istio custom resources (`kubernetes:networking.istio.io/v1:VirtualService`), Gateway API objects
 * (`kubernetes:gateway.networking.k8s.io/v1:HTTPRoute`), Namespaces, Services, CustomResourceDefinitions,
 * cert-manager Certificates, Helm releases, the cert-manager component and MutatingWebhookConfigurations
 * (revision tags). Istio's `Gateway` (networking.istio.io) and the Gateway API's (gateway.networking.k8s.io) are
 * different kinds here: `Gateway` and `GatewayApiGateway`.
 */
import { asRecord, asString, asStringMap, Json } from "./values";

export type IstioKind =
  | "VirtualService"
  | "DestinationRule"
  | "Gateway"
  | "ServiceEntry"
  | "Sidecar"
  | "EnvoyFilter"
  | "PeerAuthentication"
  | "AuthorizationPolicy"
  | "RequestAuthentication"
  | "Telemetry";

/**
 * Gateway API kinds: the Gateway, HTTPRoute and ReferenceGrant the policies read, and every other kind of the
 * Gateway API's groups (GRPCRoute, TLSRoute, ListenerSet, experimental kinds...) as `GatewayApiResource`.
 */
export type GatewayApiKind = "GatewayApiGateway" | "HTTPRoute" | "ReferenceGrant" | "GatewayApiResource";

export type Kind =
  | IstioKind
  | GatewayApiKind
  | "Namespace"
  | "Service"
  | "CustomResourceDefinition"
  | "Certificate"
  | "HelmRelease"
  | "CertManager"
  | "MutatingWebhookConfiguration";

export const gatewayApiKinds: readonly GatewayApiKind[] = ["GatewayApiGateway", "HTTPRoute", "ReferenceGrant", "GatewayApiResource"];
const gatewayApiGroups = ["gateway.networking.k8s.io", "gateway.networking.x-k8s.io"];
const namedGatewayApiKinds: Record<string, GatewayApiKind> = { Gateway: "GatewayApiGateway", HTTPRoute: "HTTPRoute", ReferenceGrant: "ReferenceGrant" };

/** API group and the versions this pack accepts for each Istio kind (schemas are checked against the first). */
export const istioKinds: Record<IstioKind, { group: string; versions: string[] }> = {
  VirtualService: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  DestinationRule: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  Gateway: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  ServiceEntry: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  Sidecar: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  EnvoyFilter: { group: "networking.istio.io", versions: ["v1alpha3"] },
  PeerAuthentication: { group: "security.istio.io", versions: ["v1", "v1beta1"] },
  AuthorizationPolicy: { group: "security.istio.io", versions: ["v1", "v1beta1"] },
  RequestAuthentication: { group: "security.istio.io", versions: ["v1", "v1beta1"] },
  Telemetry: { group: "telemetry.istio.io", versions: ["v1", "v1alpha1"] },
};

const fixedTypes: Record<string, Kind> = {
  "kubernetes:core/v1:Namespace": "Namespace",
  "kubernetes:core/v1:Service": "Service",
  "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition": "CustomResourceDefinition",
  "kubernetes:cert-manager.io/v1:Certificate": "Certificate",
  "kubernetes:helm.sh/v3:Release": "HelmRelease",
  "kubernetes-cert-manager:index:CertManager": "CertManager",
  "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration": "MutatingWebhookConfiguration",
};

const customResourceType = /^kubernetes:([a-z0-9.-]+)\/([a-z0-9]+):([A-Za-z]+)$/;

/** The kind a Pulumi type token stands for, if the pack covers it. */
export function kindOfType(type: string): Kind | undefined {
  const fixed = fixedTypes[type];
  if (fixed) {
    return fixed;
  }
  const match = customResourceType.exec(type);
  if (!match) {
    return undefined;
  }
  const [, group, version, kind] = match;
  if (gatewayApiGroups.includes(group)) {
    return (group === gatewayApiGroups[0] ? namedGatewayApiKinds[kind] : undefined) ?? "GatewayApiResource";
  }
  const known = istioKinds[kind as IstioKind];
  return known && known.group === group && known.versions.includes(version) ? (kind as IstioKind) : undefined;
}

export interface MeshResource {
  readonly kind: Kind;
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly spec: Json;
  readonly props: Json;
  /** The engine refuses to delete it (the `protect` resource option). */
  readonly protect: boolean;
}

function nameOf(kind: Kind, record: Json, engineName: string): string | undefined {
  switch (kind) {
    case "HelmRelease":
      return asString(record.name);
    case "CertManager":
      return asString(asRecord(record.helmOptions).name) ?? engineName;
    default:
      return asString(asRecord(record.metadata).name);
  }
}

/** Wraps a resource the pack covers; undefined for every other type. */
export function toMeshResource(type: string, props: unknown, urn: string, engineName: string, protect = false): MeshResource | undefined {
  const kind = kindOfType(type);
  if (!kind) {
    return undefined;
  }
  const record = asRecord(props);
  const metadata = asRecord(record.metadata);
  const isRelease = kind === "HelmRelease";
  return {
    kind,
    type,
    urn,
    props: record,
    spec: asRecord(record.spec),
    name: nameOf(kind, record, engineName) ?? "",
    namespace: asString(isRelease ? record.namespace : metadata.namespace) ?? (kind === "Namespace" || kind === "CustomResourceDefinition" ? "" : "default"),
    labels: asStringMap(metadata.labels),
    protect,
  };
}

/** `VirtualService shop/reviews`, `Namespace shop`, `Helm release istio-system/istiod`. */
export function describeResource(resource: MeshResource): string {
  const kindLabel = resource.kind === "HelmRelease" ? "Helm release" : resource.kind === "GatewayApiGateway" ? "Gateway (gateway.networking.k8s.io)" : resource.kind === "GatewayApiResource" ? resource.type.split(":").pop() : resource.kind;
  const clusterScoped = ["Namespace", "CertManager", "CustomResourceDefinition", "MutatingWebhookConfiguration"];
  if (clusterScoped.includes(resource.kind)) {
    return `${kindLabel} ${resource.name}`;
  }
  return `${kindLabel} ${resource.namespace}/${resource.name}`;
}
