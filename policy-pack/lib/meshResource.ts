/**
 * The resources the policies look at, recognised from the engine's type token and props:
 * Istio custom resources (`kubernetes:networking.istio.io/v1:VirtualService`), Gateway API objects
 * (`kubernetes:gateway.networking.k8s.io/v1:HTTPRoute`), Namespaces, Services, CustomResourceDefinitions,
 * cert-manager Certificates, Helm releases, the cert-manager component, MutatingWebhookConfigurations
 * (revision tags), Argo CD's Applications, ApplicationSets and AppProjects (argoproj.io), and ConfigMapPatches (an
 * existing Argo CD's `argocd-cm`, patched server-side). Istio's `Gateway` (networking.istio.io) and the Gateway API's (gateway.networking.k8s.io) are
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
  | "Telemetry"
  | "WasmPlugin"
  | "TrafficExtension"
  | "WorkloadEntry"
  | "WorkloadGroup"
  | "ProxyConfig";

/** Kubernetes kinds an app team's stack declares next to its Istio objects: workloads, their Services and config. */
export type WorkloadKind = "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job";
export type ClusterKind =
  | WorkloadKind
  | "Service"
  | "ConfigMap"
  | "Secret"
  | "Node"
  | "ValidatingWebhookConfiguration"
  | "CustomResourceDefinition";

/**
 * Gateway API kinds: the Gateway, HTTPRoute and ReferenceGrant the policies read, and every other kind of the
 * Gateway API's groups (GRPCRoute, TLSRoute, ListenerSet, experimental kinds...) as `GatewayApiResource`.
 */
export type GatewayApiKind = "GatewayApiGateway" | "HTTPRoute" | "ReferenceGrant" | "GatewayApiResource";

/** Argo CD's kinds (argoproj.io/v1alpha1). */
export type ArgocdKind = "Application" | "ApplicationSet" | "AppProject";

export type Kind =
  | IstioKind
  | GatewayApiKind
  | ArgocdKind
  | ClusterKind
  | "Namespace"
  | "Certificate"
  | "HelmRelease"
  | "CertManager"
  | "MutatingWebhookConfiguration"
  | "ConfigMapPatch";

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
  WasmPlugin: { group: "extensions.istio.io", versions: ["v1alpha1"] },
  TrafficExtension: { group: "extensions.istio.io", versions: ["v1alpha1"] },
  WorkloadEntry: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  WorkloadGroup: { group: "networking.istio.io", versions: ["v1", "v1beta1", "v1alpha3"] },
  ProxyConfig: { group: "networking.istio.io", versions: ["v1beta1"] },
};

const fixedTypes: Record<string, Kind> = {
  "kubernetes:core/v1:Namespace": "Namespace",
  "kubernetes:cert-manager.io/v1:Certificate": "Certificate",
  "kubernetes:helm.sh/v3:Release": "HelmRelease",
  "kubernetes-cert-manager:index:CertManager": "CertManager",
  "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration": "MutatingWebhookConfiguration",
  "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration": "ValidatingWebhookConfiguration",
  "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition": "CustomResourceDefinition",
  "kubernetes:core/v1:Pod": "Pod",
  "kubernetes:core/v1:Service": "Service",
  "kubernetes:core/v1:ConfigMap": "ConfigMap",
  "kubernetes:core/v1:ConfigMapPatch": "ConfigMapPatch",
  "kubernetes:argoproj.io/v1alpha1:Application": "Application",
  "kubernetes:argoproj.io/v1alpha1:ApplicationSet": "ApplicationSet",
  "kubernetes:argoproj.io/v1alpha1:AppProject": "AppProject",
  "kubernetes:core/v1:Secret": "Secret",
  "kubernetes:core/v1:Node": "Node",
  "kubernetes:apps/v1:Deployment": "Deployment",
  "kubernetes:apps/v1:StatefulSet": "StatefulSet",
  "kubernetes:apps/v1:DaemonSet": "DaemonSet",
  "kubernetes:apps/v1:ReplicaSet": "ReplicaSet",
  "kubernetes:batch/v1:Job": "Job",
};

/** Kinds without a namespace: their resources are named `Kind name`. */
const clusterScopedKinds: ReadonlySet<Kind> = new Set<Kind>([
  "Namespace",
  "Node",
  "CertManager",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "CustomResourceDefinition",
]);

const customResourceType = /^kubernetes:([a-z0-9.-]+)\/([a-z0-9]+):([A-Za-z]+)$/;

const kindsByType = new Map<string, Kind | undefined>();

/** The kind a Pulumi type token stands for, if the pack covers it (every policy asks for every resource: memoized). */
export function kindOfType(type: string): Kind | undefined {
  if (kindsByType.has(type)) {
    return kindsByType.get(type);
  }
  const kind = parseKind(type);
  kindsByType.set(type, kind);
  return kind;
}

function parseKind(type: string): Kind | undefined {
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
    namespace: asString(isRelease ? record.namespace : metadata.namespace) ?? (clusterScopedKinds.has(kind) ? "" : "default"),
    labels: asStringMap(metadata.labels),
    protect,
  };
}

/** `VirtualService shop/reviews`, `Namespace shop`, `Helm release istio-system/istiod`. */
export function describeResource(resource: MeshResource): string {
  const kindLabel = resource.kind === "HelmRelease" ? "Helm release" : resource.kind === "GatewayApiGateway" ? "Gateway (gateway.networking.k8s.io)" : resource.kind === "GatewayApiResource" ? resource.type.split(":").pop() : resource.kind;
  if (clusterScopedKinds.has(resource.kind)) {
    return `${kindLabel} ${resource.name}`;
  }
  return `${kindLabel} ${resource.namespace}/${resource.name}`;
}
