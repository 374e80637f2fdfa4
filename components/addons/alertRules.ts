import type { AlertSeverity } from "../../settings/alerting";
import type { AlertThresholds } from "../../settings/monitoring";
import { clusterDomain, egressGateway, ingressGateway } from "../names";

/**
 * The PrometheusRule groups of the mesh, thresholds from config. Request alerts use Istio's standard metrics
 * (server-side, `reporter="destination"`); the outlier-ejection and TLS alerts read Envoy statistics that Envoy
 * only exports when the proxies include them (`envoyStatsMatcher`). Every alert links its runbook section.
 */

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: AlertSeverity };
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

/**
 * Envoy stats the alerts read beyond Istio's defaults, for `meshConfig.defaultConfig.proxyStatsMatcher`: pending
 * overflows and outlier ejections of clusters, TLS handshake errors of clusters and listeners, and successful
 * handshakes of listeners only (the share of failed handshakes on the ingress gateway's public port).
 */
export const envoyStatsMatcher = Object.freeze({
  inclusionSuffixes: Object.freeze(["upstream_rq_pending_overflow", "outlier_detection.ejections_active", "ssl.connection_error"]),
  inclusionRegexps: Object.freeze(["listener\\..*\\.ssl\\.handshake"]),
});

/** The anchor of an alert's section in the runbook: GitHub's anchor of a `## <alert>` heading. */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

const byService = "destination_service_namespace, destination_service_name";
const serverRequests = 'istio_requests_total{reporter="destination"}';

function rate(selector: string, by: string, window = "5m"): string {
  return `sum by (${by}) (rate(${selector}[${window}]))`;
}

/**
 * Mesh-internal mTLS only: the client side is every outbound cluster to a mesh service (Istio names them
 * `outbound|<port>|<subset>|<host>`, hosts ending in the cluster domain), the server side is the sidecars' inbound
 * listener (15006) and the egress gateway's mesh-facing port. TLS an app or a sidecar speaks to the internet, and the
 * ingress gateway's public listener, are left out: their errors are clients', not the mesh's.
 */
const meshClusters = `cluster_name=~"outbound[|][0-9]+[|][^|]*[|].+[.]svc[.]${clusterDomain.replace(/\./g, "[.]")}"`;
const meshTlsErrors = [
  `rate(envoy_cluster_ssl_connection_error{${meshClusters}}[5m])`,
  'rate(envoy_listener_ssl_connection_error{listener_address=~".+_15006"}[5m])',
  `rate(envoy_listener_ssl_connection_error{namespace="${egressGateway.namespace}", listener_address=~".+_443"}[5m])`,
].join(" or ");

/** The ingress gateway's public HTTPS port (the gateway chart's Service sends 443 to 443). */
const publicListener = `{namespace="${ingressGateway.namespace}", listener_address=~".+_443"}`;

type RuleBuilder = (alert: string, expr: string, severity: AlertSeverity, summary: string, description: string, duration?: string) => AlertRule;

/** An alert with its severity and runbook link; `for` defaults to the configured one. */
function ruleBuilder(thresholds: AlertThresholds): RuleBuilder {
  return (alert, expr, severity, summary, description, duration = thresholds.for) => ({
    alert,
    expr,
    for: duration,
    labels: { severity },
    annotations: { summary, description, runbook_url: `${thresholds.runbookBaseUrl}#${runbookAnchor(alert)}` },
  });
}

export function istioAlertRules(thresholds: AlertThresholds): AlertRule[] {
  const rule = ruleBuilder(thresholds);
  const service = "{{ $labels.destination_service_name }}.{{ $labels.destination_service_namespace }}";
  const ingressErrors = rate(`envoy_listener_ssl_connection_error${publicListener}`, "namespace, pod", "15m");
  const ingressHandshakes = rate(`envoy_listener_ssl_handshake${publicListener}`, "namespace, pod", "15m");
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
      `sum by (namespace, pod) (${meshTlsErrors}) > ${thresholds.mtlsHandshakeFailuresPerSecond}`,
      "critical",
      "Mesh mTLS handshakes fail",
      "{{ $labels.namespace }}/{{ $labels.pod }} fails {{ $value | humanize }} mesh mTLS handshakes per second (a PeerAuthentication or DestinationRule TLS mismatch, a workload without sidecar, or expired workload certificates).",
    ),
    rule(
      "IstioIngressTlsHandshakeErrors",
      `100 * ${ingressErrors} / (${ingressHandshakes} + ${ingressErrors}) > ${thresholds.ingressTlsHandshakeErrorPercent}`,
      "warning",
      `More than ${thresholds.ingressTlsHandshakeErrorPercent}% of TLS handshakes on the public ingress fail`,
      "{{ $labels.namespace }}/{{ $labels.pod }} fails {{ $value | humanize }}% of client TLS handshakes on port 443 (clients without TLS 1.3, plain HTTP on 443, scanners, or a certificate clients reject).",
      "15m",
    ),
    rule(
      "IstiodDown",
      'absent(istio_build{component="pilot"})',
      "critical",
      "istiod is down",
      "No istiod reports to Prometheus: new pods get no sidecar and proxies get no configuration updates.",
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

/**
 * Days of validity left below which a certificate pages: cert-manager renews a certificate when a third of its
 * lifetime is left (30 days of Let's Encrypt's 90), so a week left means renewal has failed for about three weeks.
 */
export const certificateExpiryPageDays = 7;

/**
 * cert-manager's view of the certificates it manages (the ingress hosts' among them), from its controller's metrics
 * (`internal/collectors/certificate_collector.go`): `namespace` and `name` are the Certificate's.
 */
export function certificateAlertRules(thresholds: AlertThresholds): AlertRule[] {
  const rule = ruleBuilder(thresholds);
  const certificate = "{{ $labels.namespace }}/{{ $labels.name }}";
  return [
    rule(
      "CertificateNotReady",
      'max by (namespace, name) (certmanager_certificate_ready_status{condition!="True"}) == 1',
      "warning",
      "A certificate cert-manager manages is not ready",
      `Certificate ${certificate} is not Ready: its issuance or renewal fails, and its Secret keeps the last certificate until that expires.`,
      "30m",
    ),
    rule(
      "CertificateExpiringSoon",
      `min by (namespace, name) (certmanager_certificate_expiration_timestamp_seconds - time()) < ${certificateExpiryPageDays * 24 * 3600}`,
      "critical",
      `A certificate expires in less than ${certificateExpiryPageDays} days`,
      `Certificate ${certificate} expires in {{ $value | humanizeDuration }}: cert-manager has not renewed it.`,
      "1h",
    ),
  ];
}
