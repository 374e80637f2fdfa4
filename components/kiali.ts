import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KialiSettings } from "../settings/kiali";
import type { MonitoringSettings } from "../settings/monitoring";
import { kialiChart } from "./addonCharts";
import { writeCredentialSecret } from "./credentialSecret";
import { pinnedReleaseArgs } from "./helmRelease";
import { kialiValues } from "./kialiValues";
import { kiali as kialiNames } from "./names";

export interface KialiArgs {
  /** Validated Kiali settings: auth strategy, view-only mode, replicas, resources. */
  readonly kiali: KialiSettings;
  /** Grafana settings, for the external URL Kiali links to. */
  readonly grafana: MonitoringSettings["grafana"];
  /** Whether Jaeger is installed: Kiali then shows its traces. */
  readonly tracingEnabled: boolean;
  /** Kiali needs its namespace (istiod's) and the monitoring release it queries; so does its OIDC client Secret. */
  readonly dependsOn: readonly pulumi.Resource[];
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
}

/** Kiali (the kiali-server chart, not the operator) in Istio's root namespace. */
export class Kiali extends pulumi.ComponentResource {
  /** The Secret with the OIDC client secret, when the stack writes it (openid login, no existing Secret named). */
  readonly oidcSecret?: kubernetes.core.v1.Secret;
  readonly release: kubernetes.helm.v3.Release;

  constructor(name: string, args: KialiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:addons:Kiali", name, {}, opts);
    const { openid } = args.kiali;
    this.oidcSecret = openid && writeCredentialSecret(`${name}-oidc-secret`, openid.clientSecret, kialiNames.namespace, { parent: this, dependsOn: [...args.dependsOn] });
    this.release = new kubernetes.helm.v3.Release(
      `${name}-release`,
      pinnedReleaseArgs(kialiChart, kialiValues(args.kiali, args.grafana, args.tracingEnabled), args.helmTimeoutSeconds),
      { parent: this, dependsOn: [...args.dependsOn, ...(this.oidcSecret ? [this.oidcSecret] : [])] },
    );
    this.registerOutputs({ oidcSecret: this.oidcSecret, release: this.release });
  }
}
