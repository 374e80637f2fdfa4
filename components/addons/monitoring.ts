import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { MonitoringSettings } from "../../settings/monitoring";
import { certificateAlertRules, istioAlertRules } from "./alertRules";
import { certManagerServiceMonitorSpec } from "./certManagerValues";
import { kubePrometheusStackChart } from "./addonCharts";
import { pinnedReleaseArgs } from "../helmRelease";
import { dashboardLabel, envoyPodMonitorSpec, istioDashboards, istiodServiceMonitorSpec } from "./istioMonitors";
import { writeCredentialSecret } from "../credentialSecret";
import { grafanaAdminKeys, kubePrometheusStackValues } from "./monitoringValues";
import { monitoring as names } from "../names";
import { outsideMeshLabels } from "../istio/istioRevisions";

export interface MonitoringArgs {
  /** Validated monitoring settings: Prometheus replicas, retention, storage, Grafana, alert thresholds. */
  readonly monitoring: MonitoringSettings;
  /** Whether Jaeger is installed: Grafana then gets a Jaeger data source. */
  readonly tracingEnabled: boolean;
  /** Keep `monitoring` (Prometheus and Alertmanager volumes, Grafana) in the cluster when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
  /** Whether the stack installs cert-manager: its controller is then scraped and its certificates alert. @defaultValue false */
  readonly certManagerInstalled?: boolean;
}

const monitoringApi = "monitoring.coreos.com/v1";

/**
 * kube-prometheus-stack (Prometheus, Alertmanager, Grafana) in `monitoring`, the ServiceMonitor and PodMonitor
 * that scrape istiod and every Envoy, the Istio alerts, and the Istio dashboards as ConfigMaps for Grafana; where
 * the stack installs cert-manager, a ServiceMonitor for its controller and the certificate alerts.
 */
export class Monitoring extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The release: its CRDs must exist before any ServiceMonitor, PodMonitor or PrometheusRule. */
  readonly release: kubernetes.helm.v3.Release;
  /** Grafana's admin password (a secret) when the stack writes its Secret: from secret config, else generated once and kept. */
  readonly grafanaAdminPassword?: pulumi.Output<string>;
  readonly dashboards: readonly kubernetes.core.v1.ConfigMap[];

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:addons:Monitoring", name, {}, opts);

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: names.namespace, labels: { ...outsideMeshLabels } } },
      { parent: this, retainOnDelete: args.retainNamespace ?? false },
    );
    // Grafana's pods read the admin Secret at start: the release waits for it, or they never become ready.
    const { admin } = args.monitoring.grafana;
    let adminSecret: kubernetes.core.v1.Secret | undefined;
    if (admin.source === "stack") {
      const password = pulumi.secret(admin.password ?? new random.RandomPassword(`${name}-grafana-admin-password`, { length: 32, special: false }, { parent: this }).result);
      const data = { [grafanaAdminKeys.user]: pulumi.secret("admin"), [grafanaAdminKeys.password]: password };
      adminSecret = writeCredentialSecret(`${name}-grafana-admin`, { source: "stack", name: admin.name, data }, names.namespace, { parent: this, dependsOn: [this.namespace] });
      this.grafanaAdminPassword = password;
    }
    // Alertmanager mounts the receivers' Secret: without it its pods never start.
    const receivers = args.monitoring.alertmanager.routing.secret;
    const receiversSecret = receivers && writeCredentialSecret(`${name}-alert-receivers`, receivers, names.namespace, { parent: this, dependsOn: [this.namespace] });
    this.release = new kubernetes.helm.v3.Release(
      `${name}-kube-prometheus-stack`,
      pinnedReleaseArgs(kubePrometheusStackChart, kubePrometheusStackValues(args.monitoring, args.tracingEnabled), args.helmTimeoutSeconds),
      { parent: this, dependsOn: [this.namespace, ...[adminSecret, receiversSecret].filter((secret): secret is kubernetes.core.v1.Secret => secret !== undefined)] },
    );

    const custom = (suffix: string, kind: string, spec: Record<string, unknown>) =>
      new kubernetes.apiextensions.CustomResource(
        `${name}-${suffix}`,
        { apiVersion: monitoringApi, kind, metadata: { name: suffix, namespace: names.namespace }, spec },
        { parent: this, dependsOn: [this.release] },
      );
    custom("istiod", "ServiceMonitor", istiodServiceMonitorSpec());
    custom("envoy-stats", "PodMonitor", envoyPodMonitorSpec());
    custom("istio-alerts", "PrometheusRule", { groups: [{ name: "istio.alerts", rules: istioAlertRules(args.monitoring.alerts) }] });
    if (args.certManagerInstalled) {
      custom("cert-manager", "ServiceMonitor", certManagerServiceMonitorSpec());
      custom("certificate-alerts", "PrometheusRule", { groups: [{ name: "certificate.alerts", rules: certificateAlertRules(args.monitoring.alerts) }] });
    }

    this.dashboards = Object.entries(istioDashboards).map(
      ([suffix, dashboard]) =>
        new kubernetes.core.v1.ConfigMap(
          `${name}-dashboard-${suffix}`,
          {
            metadata: { name: `istio-dashboard-${suffix}`, namespace: names.namespace, labels: { ...dashboardLabel } },
            data: { [`istio-${suffix}.json`]: JSON.stringify(dashboard) },
          },
          { parent: this, dependsOn: [this.namespace] },
        ),
    );

    this.registerOutputs({ namespace: this.namespace, release: this.release, grafanaAdminPassword: this.grafanaAdminPassword, dashboards: this.dashboards });
  }
}
