/** Accessors for the Helm releases of the control plane (istiod) and the gateways. */
import { MeshResource } from "./meshResource";
import { asRecord, asString, asStringMap, Json } from "./values";

/** The chart name without repository or OCI prefix: `oci://…/istio/istiod` → `istiod`. */
export function chartName(release: MeshResource): string {
  const chart = asString(release.props.chart) ?? "";
  return chart.split("/").pop() ?? chart;
}

export function isIstiodRelease(resource: MeshResource): boolean {
  return resource.kind === "HelmRelease" && chartName(resource) === "istiod";
}

export function isGatewayRelease(resource: MeshResource): boolean {
  return resource.kind === "HelmRelease" && chartName(resource) === "gateway";
}

/** Argo CD's chart (argo-helm `argo-cd`). */
export function isArgocdRelease(resource: MeshResource): boolean {
  return resource.kind === "HelmRelease" && chartName(resource) === "argo-cd";
}

/**
 * The argo-cd chart's fullname, which prefixes its objects (`<fullname>-server`): `fullnameOverride`, else the release
 * name when it contains the chart's name (`nameOverride`, `argocd` by default), else `<release>-<name>`.
 */
export function argocdFullname(release: MeshResource): string {
  const values = releaseValues(release);
  const override = asString(values.fullnameOverride);
  if (override) return override;
  const name = asString(values.nameOverride) || "argocd";
  const releaseName = asString(release.props.name) ?? release.name;
  return releaseName.includes(name) ? releaseName : `${releaseName}-${name}`;
}

export function releaseValues(release: MeshResource): Json {
  return asRecord(release.props.values);
}

export function meshConfigOf(release: MeshResource): Json {
  return asRecord(releaseValues(release).meshConfig);
}

/**
 * The labels a gateway release's pods carry, as the chart's deployment template sets them: `values.labels`, with
 * `app` defaulting to the gateway name (`values.name`, else the release name) and `istio` to that name without
 * its `istio-` prefix, plus `app.kubernetes.io/name`, `sidecar.istio.io/inject`, and `istio.io/rev` and
 * `topology.istio.io/network` when `values.revision` and `values.networkGateway` are set.
 */
export function gatewayPodLabels(release: MeshResource): Record<string, string> {
  const values = releaseValues(release);
  const labels = asStringMap(values.labels);
  const name = asString(values.name) || asString(release.props.name) || "istio-ingressgateway";
  const revision = asString(values.revision);
  const network = asString(values.networkGateway);
  return {
    ...labels,
    app: labels.app ?? name,
    istio: labels.istio ?? name.replace(/^istio-/, ""),
    "app.kubernetes.io/name": name,
    "sidecar.istio.io/inject": "true",
    ...(revision ? { "istio.io/rev": revision } : {}),
    ...(network ? { "topology.istio.io/network": network } : {}),
  };
}

/** The revision an istiod release runs (`default` when it has none). */
export function istiodRevision(istiod: MeshResource): string {
  return asString(releaseValues(istiod).revision) || "default";
}

/** Revisions and revision tags istiod serves (`default` when it has no revision): its chart renders their webhooks. */
export function servedRevisions(istiod: MeshResource): string[] {
  const values = releaseValues(istiod);
  const revision = asString(values.revision) || "default";
  const tags = Array.isArray(values.revisionTags) ? values.revisionTags.filter((t): t is string => typeof t === "string") : [];
  return [revision, ...tags];
}

/**
 * A revision tag webhook the stack owns itself (a MutatingWebhookConfiguration labelled `istio.io/tag`, as istioctl
 * and the istiod chart label theirs): the tag it serves and the revision whose istiod it calls.
 */
export function tagWebhook(webhook: MeshResource): { tag: string; revision: string } | undefined {
  const tag = webhook.labels["istio.io/tag"];
  return webhook.kind === "MutatingWebhookConfiguration" && tag ? { tag, revision: webhook.labels["istio.io/rev"] ?? "default" } : undefined;
}
