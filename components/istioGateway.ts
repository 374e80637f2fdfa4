import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySettings } from "../settings/istio";
import { pinnedReleaseArgs } from "./helmRelease";
import { type GatewayInjection, injectionLabels } from "./istioRevisions";
import { gatewayValues } from "./istioValues";
import { type GatewayNames, istioChartRepository, istioVersion } from "./names";

export interface IstioGatewayArgs {
  /** Fixed release name, namespace and selector label of this gateway. */
  readonly names: GatewayNames;
  /** Replicas, disruption budget, spread, service type and resources. */
  readonly gateway: GatewaySettings;
  /** The tag (or revision) whose injector builds the gateway's proxy, and its chart version; undefined for the default revision. */
  readonly injection?: GatewayInjection;
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
  /** The istiod releases and tag webhooks: gateway pods get their proxy from an injector (`image: auto`), so they come first. */
  readonly injectors: readonly pulumi.Resource[];
  /** Keep the gateway's namespace (and the TLS secrets in it) in the cluster when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
}

/** An Istio ingress or egress gateway: its own namespace and a `gateway` chart release in it. */
export class IstioGateway extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  readonly release: kubernetes.helm.v3.Release;
  /**
   * The Service the chart creates, named after the release, read back from the cluster for its address (a read, not
   * a resource the stack manages; unknown in a preview until the release exists).
   */
  readonly service: kubernetes.core.v1.Service;

  constructor(name: string, args: IstioGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:istio:Gateway", name, {}, opts);
    const { names } = args;

    // Labelled for the injector the gateway pods use (their own labels name it too), once that injector exists.
    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: names.namespace, labels: injectionLabels(true, args.injection?.label) } },
      { parent: this, dependsOn: [...args.injectors], retainOnDelete: args.retainNamespace ?? false },
    );
    this.release = new kubernetes.helm.v3.Release(
      `${name}-release`,
      pinnedReleaseArgs(
        {
          releaseName: names.releaseName,
          chart: "gateway",
          version: args.injection?.version ?? istioVersion,
          repository: istioChartRepository,
          namespace: names.namespace,
        },
        gatewayValues(names, args.gateway, args.injection),
        args.helmTimeoutSeconds,
      ),
      { parent: this, dependsOn: [this.namespace, ...args.injectors] },
    );

    this.service = kubernetes.core.v1.Service.get(`${name}-service`, pulumi.interpolate`${this.release.status.namespace}/${this.release.status.name}`, { parent: this });

    this.registerOutputs({ namespace: this.namespace, release: this.release, service: this.service });
  }
}
