import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { KialiSettings } from "../settings/kiali";
import type { MonitoringSettings } from "../settings/monitoring";
import { kialiChart } from "./addonCharts";
import { pinnedReleaseArgs } from "./helmRelease";
import { kialiValues } from "./kialiValues";

export interface KialiArgs {
  /** Validated Kiali settings: auth strategy, view-only mode, replicas, resources. */
  readonly kiali: KialiSettings;
  /** Grafana settings, for the external URL Kiali links to. */
  readonly grafana: MonitoringSettings["grafana"];
  /** Whether Jaeger is installed: Kiali then shows its traces. */
  readonly tracingEnabled: boolean;
  /** Kiali needs its namespace (istiod's) and the monitoring release it queries. */
  readonly dependsOn: readonly pulumi.Resource[];
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
}

/** Kiali (the kiali-server chart, not the operator) in Istio's root namespace. */
export class Kiali extends pulumi.ComponentResource {
  readonly release: kubernetes.helm.v3.Release;

  constructor(name: string, args: KialiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:addons:Kiali", name, {}, opts);
    this.release = new kubernetes.helm.v3.Release(
      `${name}-release`,
      pinnedReleaseArgs(kialiChart, kialiValues(args.kiali, args.grafana, args.tracingEnabled), args.helmTimeoutSeconds),
      { parent: this, dependsOn: [...args.dependsOn] },
    );
    this.registerOutputs({ release: this.release });
  }
}
