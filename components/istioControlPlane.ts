import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IstioSettings } from "../settings/istio";
import { pinnedReleaseArgs } from "./helmRelease";
import { istioBaseValues, istiodValues } from "./istioValues";
import { istioBaseReleaseName, istioChartRepository, istiodReleaseName, istioRootNamespace, istioVersion } from "./names";

export interface IstioControlPlaneArgs {
  /** Validated Istio settings of the stack: revision, meshConfig inputs, istiod scaling and resources. */
  readonly istio: IstioSettings;
  /** MeshConfig fields the mesh resources need from istiod (gatewayApiMeshConfig). @defaultValue {} */
  readonly meshDefaults?: Readonly<Record<string, unknown>>;
}

/**
 * Istio's root namespace with the `base` chart (CRDs, default-revision webhook) and, once that is
 * installed, the `istiod` chart, awaited until ready so its injector and validation webhook answer
 * before anything else is created.
 */
export class IstioControlPlane extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The `base` release: depend on it before creating any Istio custom resource. */
  readonly base: kubernetes.helm.v3.Release;
  /** The `istiod` release: depend on it before creating gateways or mesh resources (validation webhook). */
  readonly istiod: kubernetes.helm.v3.Release;

  constructor(name: string, args: IstioControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:istio:ControlPlane", name, {}, opts);
    const { istio } = args;
    const chart = (releaseName: string, chartName: string) => ({
      releaseName,
      chart: chartName,
      version: istioVersion,
      repository: istioChartRepository,
      namespace: istioRootNamespace,
    });

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: istioRootNamespace } },
      { parent: this },
    );
    // Deleting or replacing `base` deletes every Istio CRD and, with them, every mesh resource in the cluster.
    this.base = new kubernetes.helm.v3.Release(
      `${name}-base`,
      pinnedReleaseArgs(chart(istioBaseReleaseName, "base"), istioBaseValues(istio), istio.helmTimeoutSeconds),
      { parent: this, dependsOn: [this.namespace], protect: istio.protectIstioBase, retainOnDelete: istio.protectIstioBase },
    );
    this.istiod = new kubernetes.helm.v3.Release(
      `${name}-istiod`,
      pinnedReleaseArgs(chart(istiodReleaseName, "istiod"), istiodValues(istio, args.meshDefaults), istio.helmTimeoutSeconds),
      { parent: this, dependsOn: [this.base] },
    );

    this.registerOutputs({ namespace: this.namespace, base: this.base, istiod: this.istiod });
  }
}
