import type { AlertThresholds } from "../settings/monitoring";
import { istioRootNamespace } from "./names";

/**
 * The PrometheusRule groups the seeds ask for, thresholds from config. Request alerts use Istio's standard
 * metrics (server-side, `reporter="destination"`); the outlier-ejection and TLS alerts read Envoy statistics
 * that Envoy only exports when the proxies include them (`envoyStatsForAlerts`).
 */

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: "warning" | "critical" };
  readonly annotations: { readonly summary: string; readonly description: string };
}

/** Envoy stats the alerts read beyond Istio's defaults: `meshConfig.defaultConfig.proxyStatsMatcher.inclusionSuffixes`. */
export const envoyStatsForAlerts: readonly string[] = ["upstream_rq_pending_overflow", "outlier_detection.ejections_active", "ssl.connection_error"];

const byService = "destination_service_namespace, destination_service_name";
const serverRequests = 'istio_requests_total{reporter="destination"}';

function rate(selector: string, by: string): string {
  return `sum by (${by}) (rate(${selector}[5m]))`;
}

export function istioAlertRules(thresholds: AlertThresholds): AlertRule[] {
  const rule = (alert: string, expr: string, severity: "warning" | "critical", summary: string, description: string, duration = thresholds.for): AlertRule => ({
    alert,
    expr,
    for: duration,
    labels: { severity },
    annotations: { summary, description },
  });
  const service = "{{ $labels.destination_service_name }}.{{ $labels.destination_service_namespace }}";
  return [
    rule(
      "IstioHighErrorRate",
      `100 * ${rate('istio_requests_total{reporter="destination", response_code=~"5.."}', byService)} / ${rate(serverRequests, byService)} > ${thresholds.errorRatePercent}`,
      "critical",
      `More than ${thresholds.errorRatePercent}% of requests fail with 5xx`,
      `${service} answers {{ $value | humanize }}% of its requests with a 5xx status.`,
    ),
    rule(
      "IstioHighLatencyP99",
      `histogram_quantile(0.99, ${rate('istio_request_duration_milliseconds_bucket{reporter="destination"}', `${byService}, le`)}) > ${thresholds.latencyP99Milliseconds}`,
      "warning",
      `p99 latency above ${thresholds.latencyP99Milliseconds}ms`,
      `The 99th percentile of ${service} is {{ $value | humanize }}ms.`,
    ),
    rule(
      "IstioCircuitBreakerOverflow",
      `${rate('istio_requests_total{reporter="source", response_flags=~".*UO.*"}', byService)} > 0 or sum by (namespace, pod, cluster_name) (rate(envoy_cluster_upstream_rq_pending_overflow[5m])) > 0`,
      "warning",
      "Circuit breaker rejects requests (pending-request overflow)",
      "The connection pool of {{ $labels.destination_service_name }}{{ $labels.cluster_name }} is full: requests are rejected with 503 UO.",
      "1m",
    ),
    rule(
      "IstioOutlierEjection",
      "sum by (namespace, pod, cluster_name) (envoy_cluster_outlier_detection_ejections_active) > 0",
      "warning",
      "Outlier detection ejected endpoints",
      "{{ $value }} endpoints of {{ $labels.cluster_name }} are ejected as seen from {{ $labels.namespace }}/{{ $labels.pod }}.",
      "1m",
    ),
    rule(
      "IstioMtlsHandshakeFailures",
      `sum by (namespace, pod) (rate(envoy_listener_ssl_connection_error[5m]) or rate(envoy_cluster_ssl_connection_error[5m])) > ${thresholds.mtlsHandshakeFailuresPerSecond}`,
      "critical",
      "TLS handshakes fail between proxies",
      "{{ $labels.namespace }}/{{ $labels.pod }} fails {{ $value | humanize }} TLS handshakes per second (mTLS mode or certificates mismatch).",
    ),
    rule(
      "IstiodDown",
      `absent(up{namespace="${istioRootNamespace}", job=~"istiod.*"} == 1)`,
      "critical",
      "istiod is down",
      "No istiod target answers: new pods get no sidecar and proxies get no configuration updates.",
      "2m",
    ),
    rule(
      "IstiodPushErrors",
      'sum(rate(pilot_xds_pushes{type=~".+_senderr"}[5m])) > 0 or sum(rate(pilot_total_xds_rejects[5m])) > 0 or sum(rate(pilot_total_xds_internal_errors[5m])) > 0',
      "critical",
      "istiod fails to push configuration",
      "Proxies reject or do not receive configuration from istiod ({{ $value | humanize }} errors per second); check `istioctl proxy-status`.",
    ),
    rule(
      "IstioRateLimited",
      `sum by (reporter, ${byService}) (rate(istio_requests_total{response_code="429"}[5m])) > ${thresholds.rateLimitedRequestsPerSecond}`,
      "warning",
      `More than ${thresholds.rateLimitedRequestsPerSecond} requests per second rejected by rate limiting`,
      `${service} rejects {{ $value | humanize }} requests per second with 429 (reporter {{ $labels.reporter }}).`,
    ),
  ];
}
