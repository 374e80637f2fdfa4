import type { KialiSettings } from "../settings/kiali";
import type { MonitoringSettings } from "../settings/monitoring";
import { resourceValues } from "./addonCharts";
import { istioRootNamespace, jaegerPorts, kiali as names, monitoring, serviceHost, tracing } from "./names";

/** The in-cluster URLs Kiali reads from: the Services the kube-prometheus-stack and jaeger releases create. */
export const kialiBackends = Object.freeze({
  prometheus: `http://${serviceHost(monitoring.prometheusServiceName, monitoring.namespace)}:${monitoring.prometheusPort}`,
  grafana: `http://${serviceHost(monitoring.grafanaServiceName, monitoring.namespace)}:${monitoring.grafanaPort}`,
  /** Jaeger's query gRPC API (`use_grpc`). */
  tracing: `http://${serviceHost(tracing.serviceName, tracing.namespace)}:${jaegerPorts.queryGrpc}`,
});

function authValues(settings: KialiSettings): Record<string, unknown> {
  if (settings.openid === undefined) return { strategy: settings.authStrategy };
  const { issuerUri, clientId, usernameClaim } = settings.openid;
  return { strategy: "openid", openid: { issuer_uri: issuerUri, client_id: clientId, username_claim: usernameClaim } };
}

/**
 * Values of the kiali-server release (the Kiali CR's fields): auth, Istio's root namespace, and the Prometheus,
 * Grafana and Jaeger it links to. The OIDC client secret is read from the Secret `deployment.secret_name`
 * (key `oidc-secret`), never from values.
 */
export function kialiValues(settings: KialiSettings, grafana: MonitoringSettings["grafana"], tracingEnabled: boolean): Record<string, unknown> {
  return {
    auth: authValues(settings),
    deployment: {
      instance_name: names.serviceName,
      replicas: settings.replicas,
      view_only_mode: settings.viewOnly,
      resources: resourceValues(settings.resources),
      ...(settings.openid === undefined ? {} : { secret_name: settings.openid.clientSecret.name }),
      ...(settings.replicas > 1 ? { pod_disruption_budget: { spec: { minAvailable: 1 } } } : {}),
    },
    external_services: {
      istio: { root_namespace: istioRootNamespace },
      prometheus: { enabled: true, url: kialiBackends.prometheus },
      grafana: { enabled: true, internal_url: kialiBackends.grafana, external_url: grafana.externalUrl },
      tracing: tracingEnabled
        ? { enabled: true, provider: "jaeger", internal_url: kialiBackends.tracing, use_grpc: true }
        : { enabled: false },
    },
  };
}
