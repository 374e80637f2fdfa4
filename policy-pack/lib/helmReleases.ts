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

export function releaseValues(release: MeshResource): Json {
  return asRecord(release.props.values);
}

export function meshConfigOf(release: MeshResource): Json {
  return asRecord(releaseValues(release).meshConfig);
}

/** The labels a gateway release puts on its pods (what Gateway selectors match). */
export function gatewayWorkloadLabels(release: MeshResource): Record<string, string> {
  return asStringMap(releaseValues(release).labels);
}

/** Revisions and revision tags istiod serves (`default` when it has no revision). */
export function servedRevisions(istiod: MeshResource): string[] {
  const values = releaseValues(istiod);
  const revision = asString(values.revision) || "default";
  const tags = Array.isArray(values.revisionTags) ? values.revisionTags.filter((t): t is string => typeof t === "string") : [];
  return [revision, ...tags];
}
