/**
 * The pods a stack will run, as far as its declarations say: declared Pods, the pod templates of its
 * Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs, and the gateway pods of Istio's gateway Helm
 * releases. Selector checks (Gateway, Sidecar, Telemetry, AuthorizationPolicy, DestinationRule subsets) match
 * against these, where istioctl matches against the Pods of a live cluster.
 */
import { gatewayPodLabels, isGatewayRelease } from "./helmReleases";
import { Kind, MeshResource, WorkloadKind } from "./meshResource";
import { asArray, asRecord, asString, asStringMap, Json } from "./values";

export const workloadKinds: readonly WorkloadKind[] = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

/** The kinds `workloadsOf` reads. */
export const workloadSourceKinds: readonly Kind[] = [...workloadKinds, "HelmRelease"];

export interface Workload {
  /** The resource that declares the pods (a Pod, a Deployment, a gateway release). */
  readonly resource: MeshResource;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** The pod spec (`containers`, `initContainers`, `securityContext`, `hostNetwork`, `nodeName`). */
  readonly podSpec: Json;
}

/** The pod template of a workload resource, or the Pod itself. */
export function podTemplateOf(resource: MeshResource): { metadata: Json; spec: Json; path: string } {
  if (resource.kind === "Pod") {
    return { metadata: asRecord(resource.props.metadata), spec: resource.spec, path: "spec" };
  }
  const template = asRecord(resource.spec.template);
  return { metadata: asRecord(template.metadata), spec: asRecord(template.spec), path: "spec.template.spec" };
}

function declaredWorkload(resource: MeshResource): Workload {
  const { metadata, spec } = podTemplateOf(resource);
  return { resource, namespace: resource.namespace, labels: asStringMap(metadata.labels), annotations: asStringMap(metadata.annotations), podSpec: spec };
}

/** A gateway release's pods: the chart's labels, and the proxy the injector writes over `image: auto`. */
function gatewayWorkload(release: MeshResource): Workload {
  return {
    resource: release,
    namespace: release.namespace,
    labels: gatewayPodLabels(release),
    annotations: {},
    podSpec: { containers: [{ name: "istio-proxy", image: "auto" }] },
  };
}

export function workloadsOf(resources: { of(kind: Kind): readonly MeshResource[] }): Workload[] {
  return [
    ...workloadKinds.flatMap((kind) => resources.of(kind).map(declaredWorkload)),
    ...resources.of("HelmRelease").filter(isGatewayRelease).map(gatewayWorkload),
  ];
}

/** Workloads by namespace, so selector lookups stay within one namespace. */
export function workloadsByNamespace(workloads: readonly Workload[]): Map<string, Workload[]> {
  const byNamespace = new Map<string, Workload[]>();
  for (const workload of workloads) {
    byNamespace.set(workload.namespace, [...(byNamespace.get(workload.namespace) ?? []), workload]);
  }
  return byNamespace;
}

/** Kubernetes equality-based selector matching: every key present with the same value (an empty selector matches all). */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function containersOf(podSpec: Json): Json[] {
  return asArray(podSpec.containers).map(asRecord);
}

/** `key=value,key=value` sorted by key, as Kubernetes prints a selector. */
export function selectorString(selector: Record<string, string>): string {
  return Object.keys(selector)
    .sort()
    .map((key) => `${key}=${selector[key]}`)
    .join(",");
}

/**
 * Whether istioctl counts the pods as part of the mesh: they carry a proxy container, or the
 * `sidecar.istio.io/inject` label (else annotation) says so, or else their namespace is labelled
 * `istio-injection=enabled`.
 */
export function inMesh(workload: Workload, namespaceLabels: (namespace: string) => Record<string, string> | undefined): boolean {
  if (containersOf(workload.podSpec).concat(asArray(workload.podSpec.initContainers).map(asRecord)).some((c) => c.name === "istio-proxy" && asString(c.image))) {
    return true;
  }
  const inject = workload.labels["sidecar.istio.io/inject"] ?? workload.annotations["sidecar.istio.io/inject"];
  if (inject !== undefined) {
    return inject === "true";
  }
  const labels = namespaceLabels(workload.namespace);
  return labels !== undefined && labels["istio-injection"] === "enabled";
}

/** Ambient pods: `ambient.istio.io/redirection: enabled`, which the CNI node agent writes. */
export function inAmbientMode(workload: Workload): boolean {
  return workload.annotations["ambient.istio.io/redirection"] === "enabled";
}
