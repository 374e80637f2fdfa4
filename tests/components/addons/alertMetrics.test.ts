import * as path from "path";
import { certificateAlertRules, istioAlertRules } from "../../../components/addons/alertRules";
import { istiodValues } from "../../../components/istio/istioValues";
import { parseSettings } from "../../../settings";
import { certManagerModuleDir, describeIfPresent, istioModuleDir } from "../../support/goModules";
import {
  admitted,
  bootstrapTagExtractors,
  certManagerMetricLabels,
  envoyPrometheusSeries,
  istioLabelsOf,
  istioMetricUse,
  istioRequiredStats,
  promqlNames,
  scrapeTargetLabels,
  selectorMatchers,
} from "../../support/metricSources";

/**
 * Per alert, the metrics it reads and the labels it filters or groups by. A renamed metric or label fails here, against
 * Istio's own sources, instead of leaving an alert that never fires.
 */
const alertMetrics: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  IstioHighErrorRate: { istio_requests_total: ["reporter", "response_code", "destination_service_namespace", "destination_service_name"] },
  IstioHighLatencyP99: { istio_request_duration_milliseconds_bucket: ["reporter", "destination_service_namespace", "destination_service_name", "le"] },
  IstioCircuitBreakerOverflow: {
    istio_requests_total: ["reporter", "response_flags", "destination_service_namespace", "destination_service_name"],
    envoy_cluster_upstream_rq_pending_overflow: ["namespace", "pod", "cluster_name"],
  },
  IstioOutlierEjection: { envoy_cluster_outlier_detection_ejections_active: ["namespace", "pod", "cluster_name"] },
  IstioMtlsHandshakeFailures: {
    envoy_cluster_ssl_connection_error: ["cluster_name", "namespace", "pod"],
    envoy_listener_ssl_connection_error: ["listener_address", "namespace", "pod"],
  },
  IstioIngressTlsHandshakeErrors: {
    envoy_listener_ssl_connection_error: ["listener_address", "namespace", "pod"],
    envoy_listener_ssl_handshake: ["listener_address", "namespace", "pod"],
  },
  IstiodDown: { istio_build: ["component"] },
  IstiodPushErrors: { pilot_xds_pushes: ["type"], pilot_total_xds_rejects: [], pilot_total_xds_internal_errors: [] },
  IstioRateLimited: { istio_requests_total: ["reporter", "response_code", "destination_service_namespace", "destination_service_name"] },
  CertificateNotReady: { certmanager_certificate_ready_status: ["condition", "namespace", "name"] },
  CertificateExpiringSoon: { certmanager_certificate_expiration_timestamp_seconds: ["namespace", "name"] },
};

/** Envoy stats of each Envoy metric, as sidecars and gateways name them (Istio's cluster names end in `;`). */
const envoyStats: Readonly<Record<string, readonly string[]>> = {
  envoy_cluster_upstream_rq_pending_overflow: ["cluster.outbound|8080||api.shop.svc.cluster.local;.upstream_rq_pending_overflow"],
  envoy_cluster_outlier_detection_ejections_active: ["cluster.outbound|8080||api.shop.svc.cluster.local;.outlier_detection.ejections_active"],
  envoy_cluster_ssl_connection_error: ["cluster.outbound|8080|stable|api.shop.svc.cluster.local;.ssl.connection_error"],
  // A sidecar's inbound listener, and a gateway's HTTPS port.
  envoy_listener_ssl_connection_error: ["listener.0.0.0.0_15006.ssl.connection_error", "listener.0.0.0.0_443.ssl.connection_error"],
  envoy_listener_ssl_handshake: ["listener.0.0.0.0_443.ssl.handshake"],
};

const settings = parseSettings("staging", {});
const rules = [...istioAlertRules(settings.monitoring.alerts), ...certificateAlertRules(settings.monitoring.alerts)];
const expressionOf = (alert: string) => rules.find((rule) => rule.alert === alert)?.expr ?? "";
const uses = Object.entries(alertMetrics).flatMap(([alert, metrics]) => Object.entries(metrics).map(([metric, labels]) => ({ alert, metric, labels })));

describe("the table of what each alert reads", () => {
  test("lists every alert", () => {
    expect(Object.keys(alertMetrics).sort()).toEqual(rules.map((rule) => rule.alert).sort());
  });

  test.each(rules.map((rule) => rule.alert))("%s: its expression reads exactly the metrics and labels the table lists", (alert) => {
    const { metrics, labels } = promqlNames(expressionOf(alert));
    expect([...metrics].sort()).toEqual(Object.keys(alertMetrics[alert]).sort());
    expect([...labels].sort()).toEqual([...new Set(Object.values(alertMetrics[alert]).flat())].sort());
  });

  test("the reader of expressions finds metrics, matchers and groupings, and skips functions, strings and ranges", () => {
    expect(promqlNames('sum by (a, b) (rate(m_total{c="x", d=~"y|z"}[5m])) / on (e) n > 3')).toEqual({ metrics: new Set(["m_total", "n"]), labels: new Set(["a", "b", "c", "d", "e"]) });
  });
});

describeIfPresent(istioModuleDir, "alert metrics against Istio's sources")("each metric an alert reads exists upstream with the labels it uses", () => {
  const istioUse = istioMetricUse();
  const targetLabels = scrapeTargetLabels();
  const extractors = bootstrapTagExtractors();
  const required = istioRequiredStats();
  const { inclusionSuffixes, inclusionRegexps } = (istiodValues(settings.istio) as { meshConfig: { defaultConfig: { proxyStatsMatcher: { inclusionSuffixes: string[]; inclusionRegexps: string[] } } } }).meshConfig
    .defaultConfig.proxyStatsMatcher;
  const proxyStats = { suffixes: inclusionSuffixes, regexps: inclusionRegexps };

  const istioUses = uses.filter(({ metric }) => !metric.startsWith("envoy_") && !metric.startsWith("certmanager_"));
  const envoyUses = uses.filter(({ metric }) => metric.startsWith("envoy_"));

  test.each(istioUses.map(({ alert, metric, labels }) => [alert, metric, labels] as const))("%s: %s is one of Istio's metrics, with %j", (_alert, metric, labels) => {
    const known = istioLabelsOf(istioUse, metric);
    expect(`${metric}: ${known === undefined ? "unknown to Istio's dashboards and telemetry tests" : "used by Istio"}`).toBe(`${metric}: used by Istio`);
    expect(labels.filter((label) => !known?.has(label) && !targetLabels.has(label))).toEqual([]);
  });

  test.each(envoyUses.map(({ alert, metric, labels }) => [alert, metric, labels] as const))(
    "%s: %s comes from an Envoy stat the proxies keep, tagged with %j",
    (alert, metric, labels) => {
      const series = envoyStats[metric].map((stat) => ({ stat, ...envoyPrometheusSeries(stat, extractors) }));
      for (const { stat, metric: served, tags } of series) {
        expect(served).toBe(metric);
        expect(`${stat}: ${admitted(stat, proxyStats) || admitted(stat, required) ? "admitted" : "dropped by the proxies' stats matcher"}`).toBe(`${stat}: admitted`);
        expect(labels.filter((label) => !(label in tags) && !targetLabels.has(label))).toEqual([]);
      }
      // Every selector's tag matchers select one of the stats: the values the alert expects are the values Envoy tags.
      for (const selector of selectorMatchers(expressionOf(alert), metric)) {
        const onTags = selector.filter((matcher) => series.some(({ tags }) => matcher.label in tags));
        const selects = series.some(({ tags }) => onTags.every(({ label, value }) => new RegExp(`^(?:${value.replace(/\\\\/g, "\\")})$`).test(tags[label] ?? "")));
        expect(`${JSON.stringify(onTags)} selects one of ${series.map(({ stat }) => stat).join(", ")}: ${selects}`).toMatch(/: true$/);
      }
    },
  );

  test("the check itself: a misspelt metric, a stat the proxies drop and a label Envoy does not tag all fail", () => {
    expect(istioLabelsOf(istioUse, "istio_request_total")).toBeUndefined();
    expect(istioLabelsOf(istioUse, "istio_requests_total")?.has("destination_service_name")).toBe(true);
    expect(admitted("cluster.outbound|80||a.b.svc.cluster.local;.ssl.handshake", proxyStats)).toBe(false);
    expect(admitted("cluster.outbound|80||a.b.svc.cluster.local;.ssl.handshake", required)).toBe(false);
    const series = envoyPrometheusSeries(envoyStats.envoy_listener_ssl_connection_error[0], extractors);
    expect(series).toEqual({ metric: "envoy_listener_ssl_connection_error", tags: { listener_address: "0.0.0.0_15006" } });
    expect("cluster_name" in series.tags).toBe(false);
    expect(path.basename(istioModuleDir)).toMatch(/^istio@/);
  });
});

describeIfPresent(certManagerModuleDir, "certificate alert metrics against cert-manager's source")("each certificate metric an alert reads is one cert-manager serves", () => {
  const served = certManagerMetricLabels();
  const certificateUses = uses.filter(({ metric }) => metric.startsWith("certmanager_"));

  test.each(certificateUses.map(({ alert, metric, labels }) => [alert, metric, labels] as const))("%s: %s is served by cert-manager's controller, with %j", (_alert, metric, labels) => {
    expect(`${metric}: ${served.has(metric) ? "served" : "not among cert-manager's certificate metrics"}`).toBe(`${metric}: served`);
    expect(labels.filter((label) => !served.get(metric)?.has(label))).toEqual([]);
  });

  test("the check itself: the collector's metrics are read with their labels, and a misspelt one is not among them", () => {
    expect(served.get("certmanager_certificate_ready_status")).toEqual(new Set(["name", "namespace", "condition", "issuer_name", "issuer_kind", "issuer_group"]));
    expect(served.has("certmanager_certificate_expiry_timestamp_seconds")).toBe(false);
  });
});
