import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KialiSettings } from "../../settings/kiali";
import type { MonitoringSettings } from "../../settings/monitoring";
import type { TracingSettings } from "../../settings/tracing";
import { kialiChart } from "./addonCharts";
import { writeCredentialSecret } from "../credentialSecret";
import { pinnedReleaseArgs } from "../helmRelease";
import { kialiGrafanaCredential, kialiValues } from "./kialiValues";
import { kiali as kialiNames } from "../names";

export interface KialiArgs {
  /** Validated Kiali settings: auth strategy, view-only mode, replicas, resources. */
  readonly kiali: KialiSettings;
  /** Grafana settings, for the external URL Kiali links to. */
  readonly grafana: MonitoringSettings["grafana"];
  /**
   * Grafana's admin password (a secret), which the stack copies for Kiali into `kiali-grafana` when
   * `kiali.grafana.passwordSecretName` names no Secret of someone else's. @defaultValue none
   */
  readonly grafanaAdminPassword?: pulumi.Output<string>;
  /** Whether Jaeger is installed (Kiali then shows its traces), and where users open its UI. */
  readonly tracing: Pick<TracingSettings, "enabled" | "externalUrl">;
  /** Kiali needs its namespace (istiod's) and the monitoring release it queries; so does its OIDC client Secret. */
  readonly dependsOn: readonly pulumi.Resource[];
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
}

/** Kiali (the kiali-server chart, not the operator) in Istio's root namespace. */
export class Kiali extends pulumi.ComponentResource {
  /** The Secret with the OIDC client secret, when the stack writes it (openid login, no existing Secret named). */
  readonly oidcSecret?: kubernetes.core.v1.Secret;
  /** The Secret with the Grafana password Kiali logs in with, when the stack writes it. */
  readonly grafanaSecret?: kubernetes.core.v1.Secret;
  readonly release: kubernetes.helm.v3.Release;

  constructor(name: string, args: KialiArgs, opts?: pulumi.ComponentResourceOptions) {
    const grafanaPassword = kialiGrafanaCredential(args.kiali, args.grafanaAdminPassword);
    if (grafanaPassword === undefined) throw new Error(`Kiali ${name}: expected Grafana's admin password to copy into ${args.kiali.grafana.passwordSecret.name}`);
    super("istio-mesh:addons:Kiali", name, {}, opts);
    const { openid } = args.kiali;
    const secretOptions = { parent: this, dependsOn: [...args.dependsOn] };
    this.oidcSecret = openid && writeCredentialSecret(`${name}-oidc-secret`, openid.clientSecret, kialiNames.namespace, secretOptions);
    this.grafanaSecret = writeCredentialSecret(`${name}-grafana-secret`, grafanaPassword, kialiNames.namespace, secretOptions);
    const secrets = [this.oidcSecret, this.grafanaSecret].filter((secret): secret is kubernetes.core.v1.Secret => secret !== undefined);
    this.release = new kubernetes.helm.v3.Release(
      `${name}-release`,
      pinnedReleaseArgs(kialiChart, kialiValues(args.kiali, args.grafana, args.tracing), args.helmTimeoutSeconds),
      { parent: this, dependsOn: [...args.dependsOn, ...secrets] },
    );
    this.registerOutputs({ oidcSecret: this.oidcSecret, grafanaSecret: this.grafanaSecret, release: this.release });
  }
}
