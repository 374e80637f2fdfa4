import type * as pulumi from "@pulumi/pulumi";
import type { KialiSettings } from "../../settings/kiali";
import type { MonitoringSettings } from "../../settings/monitoring";
import type { CredentialSecret } from "../../settings/secrets";
import type { TracingSettings } from "../../settings/tracing";
import { resourceValues } from "./addonCharts";
import { istioDashboards } from "./istioMonitors";
import { istioRootNamespace, jaegerPorts, kiali as names, monitoring, serviceHost, tracing } from "../names";

/** The in-cluster URLs Kiali reads from: the Services the kube-prometheus-stack and jaeger releases create. */
export const kialiBackends = Object.freeze({
  prometheus: `http://${serviceHost(monitoring.prometheusServiceName, monitoring.namespace)}:${monitoring.prometheusPort}`,
  grafana: `http://${serviceHost(monitoring.grafanaServiceName, monitoring.namespace)}:${monitoring.grafanaPort}`,
  /** Jaeger's query gRPC API (`use_grpc`). */
  tracing: `http://${serviceHost(tracing.serviceName, tracing.namespace)}:${jaegerPorts.queryGrpc}`,
});

/**
 * Where Kiali reads a credential from instead of its ConfigMap: it loads `/kiali-override-secrets/<name>/value.txt`
 * over the matching config value (Kiali's config.go), so the password is mounted there and never sits in values.
 */
export const grafanaPasswordMount = "/kiali-override-secrets/grafana-password";

/**
 * The Grafana password Kiali logs in with: a Secret someone else writes, or Grafana's admin password copied by the
 * stack under the file name Kiali reads (`value.txt`). Undefined when there is nothing to copy.
 */
export function kialiGrafanaCredential(kiali: KialiSettings, adminPassword: pulumi.Output<string> | undefined): CredentialSecret | undefined {
  const { passwordSecret } = kiali.grafana;
  if (passwordSecret.source === "existing") return passwordSecret;
  return adminPassword && { source: "stack", name: passwordSecret.name, data: { "value.txt": adminPassword } };
}

/**
 * The Grafana dashboards Kiali links to, by title (the titles of Istio's own dashboards, which Kiali looks up), with
 * the URL variables Kiali fills in: namespace and service (`var-service`: the FQDN, Istio's `destination_service`),
 * namespace and workload.
 */
export function kialiGrafanaDashboards(): Record<string, unknown>[] {
  return [
    { name: istioDashboards.service.title, variables: { namespace: "var-namespace", service: "var-service" } },
    { name: istioDashboards.workload.title, variables: { namespace: "var-namespace", workload: "var-workload" } },
    { name: istioDashboards.mesh.title },
    { name: istioDashboards["control-plane"].title },
  ];
}

function authValues(settings: KialiSettings): Record<string, unknown> {
  if (settings.openid === undefined) return { strategy: settings.authStrategy };
  const { issuerUri, clientId, usernameClaim, disableRbac } = settings.openid;
  return { strategy: "openid", openid: { issuer_uri: issuerUri, client_id: clientId, username_claim: usernameClaim, disable_rbac: disableRbac } };
}

/**
 * Values of the kiali-server release (the Kiali CR's fields): auth, the web root, Istio's root namespace, and the
 * Prometheus, Grafana and Jaeger it reads and links to. Secrets never sit in values: the OIDC client secret is read
 * from the Secret `deployment.secret_name` (key `oidc-secret`), Grafana's password from a Secret mounted where Kiali
 * looks for it (`deployment.custom_secrets`, key `value.txt`).
 */
export function kialiValues(
  settings: KialiSettings,
  grafana: MonitoringSettings["grafana"],
  tracingSettings: Pick<TracingSettings, "enabled" | "externalUrl">,
): Record<string, unknown> {
  return {
    auth: authValues(settings),
    server: { web_root: names.webRoot },
    deployment: {
      instance_name: names.serviceName,
      replicas: settings.replicas,
      view_only_mode: settings.viewOnly,
      resources: resourceValues(settings.resources),
      custom_secrets: [{ name: settings.grafana.passwordSecret.name, mount: grafanaPasswordMount }],
      ...(settings.openid === undefined ? {} : { secret_name: settings.openid.clientSecret.name }),
      ...(settings.replicas > 1 ? { pod_disruption_budget: { spec: { minAvailable: 1 } } } : {}),
    },
    external_services: {
      istio: { root_namespace: istioRootNamespace },
      prometheus: { enabled: true, url: kialiBackends.prometheus },
      grafana: {
        enabled: true,
        internal_url: kialiBackends.grafana,
        external_url: grafana.externalUrl,
        auth: { type: "basic", username: settings.grafana.username, use_kiali_token: false },
        dashboards: kialiGrafanaDashboards(),
      },
      tracing: tracingSettings.enabled
        ? { enabled: true, provider: "jaeger", internal_url: kialiBackends.tracing, use_grpc: true, external_url: tracingSettings.externalUrl }
        : { enabled: false },
    },
  };
}
