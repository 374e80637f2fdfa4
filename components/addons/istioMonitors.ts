import controlPlaneDashboard from "./dashboards/control-plane.json";
import meshDashboard from "./dashboards/mesh.json";
import serviceDashboard from "./dashboards/service.json";
import workloadDashboard from "./dashboards/workload.json";
import { istioRootNamespace } from "../names";

/** How Prometheus finds Istio's metrics, and the Grafana dashboards that read them. */

/**
 * istiod's monitoring port (`http-monitoring`, 15014) on every istiod Service (`app: istiod`), whatever the revision.
 * A revision tag's Service carries the same label and selects the same pods: skipped, so no istiod is scraped twice.
 */
export function istiodServiceMonitorSpec(): Record<string, unknown> {
  return {
    selector: { matchLabels: { app: "istiod" }, matchExpressions: [{ key: "istio.io/tag", operator: "DoesNotExist" }] },
    namespaceSelector: { matchNames: [istioRootNamespace] },
    endpoints: [{ port: "http-monitoring", interval: "15s" }],
  };
}

/** Istio's merged metrics (Envoy's and the app's) that the agent serves on this port and path of every proxy. */
export const mergedMetrics = Object.freeze({ port: 15020, path: "/stats/prometheus" });

/**
 * Every Envoy of the mesh (sidecars and gateways both run a container named `istio-proxy`), in any namespace,
 * scraped on the pod IP at the merged-metrics port: the injected container does not declare that port.
 */
export function envoyPodMonitorSpec(): Record<string, unknown> {
  return {
    selector: { matchExpressions: [{ key: "istio-prometheus-ignore", operator: "DoesNotExist" }] },
    namespaceSelector: { any: true },
    jobLabel: "envoy-stats",
    podMetricsEndpoints: [
      {
        path: mergedMetrics.path,
        interval: "15s",
        relabelings: [
          { action: "keep", sourceLabels: ["__meta_kubernetes_pod_container_name"], regex: "istio-proxy" },
          { action: "keep", sourceLabels: ["__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape"], regex: "true" },
          // IPv6 pod addresses need brackets; IPv4 ones are taken as they are.
          { action: "replace", sourceLabels: ["__meta_kubernetes_pod_ip"], regex: "(.*:.*)", replacement: `[$1]:${mergedMetrics.port}`, targetLabel: "__address__" },
          { action: "replace", sourceLabels: ["__meta_kubernetes_pod_ip"], regex: "([^:]+)", replacement: `$1:${mergedMetrics.port}`, targetLabel: "__address__" },
          { action: "labeldrop", regex: "__meta_kubernetes_pod_label_(.+)" },
        ],
      },
    ],
  };
}

/** The project's Istio dashboards, keyed by the ConfigMap suffix; Grafana's sidecar loads them. */
export const istioDashboards: Readonly<Record<string, { readonly uid: string; readonly title: string }>> = {
  mesh: meshDashboard,
  service: serviceDashboard,
  workload: workloadDashboard,
  "control-plane": controlPlaneDashboard,
};

/** The label Grafana's dashboard sidecar watches (kube-prometheus-stack's `grafana.sidecar.dashboards.label`). */
export const dashboardLabel = Object.freeze({ grafana_dashboard: "1" });
