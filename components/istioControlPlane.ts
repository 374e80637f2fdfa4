import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IstioSettings } from "../settings/istio";
import { pinnedReleaseArgs } from "./helmRelease";
import { baseChartVersion, istiodReleases, tagService, tagWebhookConfiguration } from "./istioRevisions";
import { istioBaseValues, istiodValues } from "./istioValues";
import { istioBaseReleaseName, istioChartRepository, istioRootNamespace } from "./names";

export interface IstioControlPlaneArgs {
  /** Validated Istio settings of the stack: revisions and tags, meshConfig inputs, istiod scaling and resources. */
  readonly istio: IstioSettings;
  /** MeshConfig fields the mesh resources need from istiod (gatewayApiMeshConfig). @defaultValue {} */
  readonly meshDefaults?: Readonly<Record<string, unknown>>;
  /** Keep `istio-system` (the mesh's root CA, Kiali) in the cluster when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
  /**
   * istiod analyzes the Istio objects and writes what it finds into their `status.validationMessages` (the Argo CD
   * health checks read it). @defaultValue false
   */
  readonly writeStatus?: boolean;
}

/**
 * Istio's root namespace with the `base` chart (CRDs, default-revision validator) and, once that is installed,
 * one `istiod` release per revision, each awaited until ready so its injector and validation webhook answer
 * before anything else is created; then the revision tags the stack owns, each pointing at a running revision.
 */
export class IstioControlPlane extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The `base` release: depend on it before creating any Istio custom resource. */
  readonly base: kubernetes.helm.v3.Release;
  /** The istiod release the default validator calls: depend on it before creating gateways or mesh resources. */
  readonly istiod: kubernetes.helm.v3.Release;
  /** Every istiod release and tag webhook: what a namespace or gateway labelled for injection waits for. */
  readonly injectors: readonly pulumi.Resource[];

  constructor(name: string, args: IstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:istio:ControlPlane", name, {}, opts);
    const { istio } = args;
    const chart = (releaseName: string, chartName: string, version: string) => ({
      releaseName,
      chart: chartName,
      version,
      repository: istioChartRepository,
      namespace: istioRootNamespace,
    });

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: istioRootNamespace } },
      { parent: this, retainOnDelete: args.retainNamespace ?? false },
    );
    // Deleting or replacing `base` deletes every Istio CRD and, with them, every mesh resource in the cluster.
    this.base = new kubernetes.helm.v3.Release(
      `${name}-base`,
      pinnedReleaseArgs(chart(istioBaseReleaseName, "base", baseChartVersion(istio)), istioBaseValues(istio), istio.helmTimeoutSeconds),
      { parent: this, dependsOn: [this.namespace], protect: istio.protectIstioBase, retainOnDelete: istio.protectIstioBase },
    );
    // Named after the release, so the release named `istiod` keeps the resource name it always had.
    const releases = istiodReleases(istio).map((release) => ({
      revision: release.revision?.name,
      resource: new kubernetes.helm.v3.Release(
        `${name}-${release.releaseName}`,
        pinnedReleaseArgs(chart(release.releaseName, "istiod", release.version), istiodValues(istio, release.revision, args.meshDefaults, { writeStatus: args.writeStatus ?? false }), istio.helmTimeoutSeconds),
        { parent: this, dependsOn: [this.base] },
      ),
    }));
    this.istiod = (releases.find((release) => release.revision === istio.defaultRevision) ?? releases[0]).resource;

    // A tag's objects are named after the tag alone: pointing it at another revision updates them in place.
    const tagObjects = Object.entries(istio.revisionTags).flatMap(([tag, revision]) => {
      const target = releases.filter((release) => release.revision === revision).map((release) => release.resource);
      const webhook = tagWebhookConfiguration(tag, revision);
      const service = tagService(tag, revision);
      return [
        new kubernetes.admissionregistration.v1.MutatingWebhookConfiguration(`${name}-revision-tag-${tag}`, webhook, { parent: this, dependsOn: target }),
        new kubernetes.core.v1.Service(`${name}-revision-tag-${tag}-service`, service, { parent: this, dependsOn: target }),
      ];
    });
    this.injectors = [...releases.map((release) => release.resource), ...tagObjects];

    this.registerOutputs({ namespace: this.namespace, base: this.base, istiod: this.istiod, injectors: this.injectors });
  }
}
