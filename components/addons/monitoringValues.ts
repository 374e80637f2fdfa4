import type { MonitoringSettings } from "../../settings/monitoring";
import { resourceValues } from "./addonCharts";
import { alertmanagerRoutingValues } from "./alertmanagerConfig";
import { jaegerPorts, monitoring as names, serviceHost, tracing } from "../names";

/** Grafana's data source for Jaeger's query API; Prometheus is the chart's default data source. */
export function jaegerDataSource() {
  return {
    name: "Jaeger",
    uid: "jaeger",
    type: "jaeger",
    access: "proxy",
    url: `http://${serviceHost(tracing.serviceName, tracing.namespace)}:${jaegerPorts.queryHttp}`,
    editable: false,
  };
}

/** The keys of Grafana's admin Secret (the grafana chart's `admin.userKey` and `admin.passwordKey` defaults). */
export const grafanaAdminKeys = Object.freeze({ user: "admin-user", password: "admin-password" });

/**
 * Values of the kube-prometheus-stack release: predictable service names (`fullnameOverride`), every
 * ServiceMonitor, PodMonitor and PrometheusRule of the cluster picked up (`*SelectorNilUsesHelmValues: false`),
 * retention, replicas and storage from settings, Alertmanager's routes and receivers (their URLs and keys read from
 * a mounted Secret), and Grafana with its admin login from a Secret (`grafana.admin`).
 */
export function kubePrometheusStackValues(settings: MonitoringSettings, tracingEnabled: boolean): Record<string, unknown> {
  const { prometheus, grafana } = settings;
  const routing = alertmanagerRoutingValues(settings.alertmanager.routing);
  const storageSpec =
    prometheus.persistence === undefined
      ? {}
      : {
          volumeClaimTemplate: {
            spec: {
              ...(prometheus.persistence.storageClassName === undefined ? {} : { storageClassName: prometheus.persistence.storageClassName }),
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: prometheus.persistence.size } },
            },
          },
        };
  return {
    fullnameOverride: names.fullname,
    prometheusOperator: { resources: resourceValues(settings.operator.resources) },
    alertmanager: {
      config: routing.config,
      alertmanagerSpec: { resources: resourceValues(settings.alertmanager.resources), secrets: routing.secrets },
    },
    prometheus: {
      prometheusSpec: {
        replicas: prometheus.replicas,
        retention: prometheus.retention,
        resources: resourceValues(prometheus.resources),
        storageSpec,
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
      },
    },
    grafana: {
      fullnameOverride: names.grafanaServiceName,
      admin: { existingSecret: grafana.admin.name, userKey: grafanaAdminKeys.user, passwordKey: grafanaAdminKeys.password },
      resources: resourceValues(grafana.resources),
      service: { port: names.grafanaPort },
      sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" } },
      additionalDataSources: tracingEnabled ? [jaegerDataSource()] : [],
    },
  };
}
