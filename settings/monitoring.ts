import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { httpUrl, resolveAddonResources, resolveVolume, resources, retentionDuration, secretName, type VolumeSettings, volumeInput } from "./addons";
import { type AlertRouting, defaultRunbookBaseUrl, receiversInput, resolveAlertRouting } from "./alerting";
import type { ComputeResources, Environment } from "./environments";
import { checkSingleOwner, type SecretValues } from "./secrets";
import { boolean, computeResources, integer } from "./validators";

const positiveNumber = (max: number) =>
  z
    .number({ error: `expected a number above 0 and at most ${max}` })
    .gt(0, { error: `expected a number above 0 and at most ${max}` })
    .max(max, { error: `expected a number above 0 and at most ${max}` });
const nonNegativeNumber = z.number({ error: "expected a number >= 0" }).min(0, { error: "expected a number >= 0" });

export const monitoringInput = z.strictObject({
  enabled: boolean.optional(),
  prometheus: z
    .strictObject({
      replicas: integer(1, 5).optional(),
      retention: retentionDuration.optional(),
      persistence: volumeInput.extend({ enabled: boolean.optional() }).optional(),
      resources: computeResources.optional(),
    })
    .optional(),
  alertmanager: z.strictObject({ resources: computeResources.optional(), receivers: receiversInput.optional() }).optional(),
  operator: z.strictObject({ resources: computeResources.optional() }).optional(),
  grafana: z
    .strictObject({
      adminSecretName: secretName.optional(),
      externalUrl: httpUrl.optional(),
      resources: computeResources.optional(),
    })
    .optional(),
  alerts: z
    .strictObject({
      errorRatePercent: positiveNumber(100).optional(),
      latencyP99Milliseconds: positiveNumber(300000).optional(),
      rateLimitedRequestsPerSecond: nonNegativeNumber.optional(),
      mtlsHandshakeFailuresPerSecond: nonNegativeNumber.optional(),
      ingressTlsHandshakeErrorPercent: positiveNumber(100).optional(),
      for: retentionDuration.optional(),
      runbookBaseUrl: httpUrl.optional(),
    })
    .optional(),
});
export type MonitoringInput = z.infer<typeof monitoringInput>;

export interface AlertThresholds {
  /** 5xx responses as a share of all requests to a service, in percent. @defaultValue 5 */
  readonly errorRatePercent: number;
  /** p99 request duration of a service, in milliseconds. @defaultValue 1000 */
  readonly latencyP99Milliseconds: number;
  /** Requests per second a service rejects with 429 (rate limited). @defaultValue 1 */
  readonly rateLimitedRequestsPerSecond: number;
  /**
   * Failed mesh-internal mTLS handshakes per second on one proxy (sidecar inbound and outbound to mesh services, the
   * egress gateway's mesh side), above which IstioMtlsHandshakeFailures pages. @defaultValue 0.05 (3 a minute, sustained)
   */
  readonly mtlsHandshakeFailuresPerSecond: number;
  /** Share of failed TLS handshakes on the ingress gateway's public port, in percent. @defaultValue 50 */
  readonly ingressTlsHandshakeErrorPercent: number;
  /** How long a condition holds before the alert fires. @defaultValue 5m */
  readonly for: string;
  /** The runbook every alert's `runbook_url` points into (`<base>#<alert name, lowercased>`). @defaultValue docs/runbook.md of this repository */
  readonly runbookBaseUrl: string;
}

/** Grafana's admin login: a Secret the stack writes (`grafana-admin`), or one someone else writes. */
export type GrafanaAdmin =
  /** User `admin`; the password from `istio-mesh:grafanaAdminPassword`, else generated once and kept in state. */
  | { readonly source: "stack"; readonly name: string; readonly password?: pulumi.Output<string> }
  /** An existing Secret with `admin-user` and `admin-password` (`monitoring.grafana.adminSecretName`). */
  | { readonly source: "existing"; readonly name: string };

/** The Secret the stack writes Grafana's admin login into, in the monitoring namespace. */
export const grafanaAdminSecretName = "grafana-admin";

export interface MonitoringSettings {
  /** Install kube-prometheus-stack (Prometheus, Alertmanager, Grafana), Istio scraping, dashboards and alerts. @defaultValue true */
  readonly enabled: boolean;
  readonly prometheus: {
    /** @defaultValue 1 (dev, staging), 2 (prod) */
    readonly replicas: number;
    /** How long samples are kept. @defaultValue 2d (dev), 7d (staging), 15d (prod) */
    readonly retention: string;
    /** The volume per replica; undefined keeps data in an emptyDir (lost on restart). @defaultValue none (dev), 20Gi (staging), 100Gi (prod) */
    readonly persistence?: VolumeSettings;
    readonly resources: ComputeResources;
  };
  readonly alertmanager: {
    readonly resources: ComputeResources;
    /** Receivers by severity, and the Secret with their URLs and keys. */
    readonly routing: AlertRouting;
  };
  readonly operator: { readonly resources: ComputeResources };
  readonly grafana: {
    /** Where Grafana reads its admin login from. @defaultValue the Secret grafana-admin, written by the stack */
    readonly admin: GrafanaAdmin;
    /** The address users open Grafana at, for links from Kiali. @defaultValue http://localhost:3000 (port-forward) */
    readonly externalUrl: string;
    readonly resources: ComputeResources;
  };
  readonly alerts: AlertThresholds;
}

interface MonitoringDefaults {
  readonly replicas: number;
  readonly retention: string;
  readonly volumeSize?: string;
  readonly prometheus: ComputeResources;
  readonly small: ComputeResources;
  readonly grafana: ComputeResources;
}

const defaults: Readonly<Record<Environment, MonitoringDefaults>> = {
  dev: {
    replicas: 1,
    retention: "2d",
    prometheus: resources("100m", "512Mi", "1000m", "2Gi"),
    small: resources("10m", "32Mi", "100m", "128Mi"),
    grafana: resources("50m", "128Mi", "500m", "256Mi"),
  },
  staging: {
    replicas: 1,
    retention: "7d",
    volumeSize: "20Gi",
    prometheus: resources("250m", "1Gi", "1000m", "4Gi"),
    small: resources("50m", "64Mi", "200m", "256Mi"),
    grafana: resources("100m", "128Mi", "500m", "512Mi"),
  },
  prod: {
    replicas: 2,
    retention: "15d",
    volumeSize: "100Gi",
    prometheus: resources("500m", "2Gi", "2000m", "8Gi"),
    small: resources("100m", "128Mi", "500m", "512Mi"),
    grafana: resources("100m", "256Mi", "1000m", "1Gi"),
  },
};

function resolvePersistence(input: MonitoringInput["prometheus"], environment: Environment, problems: string[]): VolumeSettings | undefined {
  const persistence = input?.persistence;
  const defaultSize = defaults[environment].volumeSize;
  const enabled = persistence?.enabled ?? (defaultSize !== undefined || persistence?.size !== undefined);
  if (environment === "prod" && !enabled) {
    problems.push("monitoring.prometheus.persistence.enabled: expected true in a prod stack (metrics survive a restart), got false");
  }
  return enabled ? resolveVolume(persistence, defaultSize ?? "20Gi") : undefined;
}

function resolveGrafanaAdmin(adminSecretName: string | undefined, secrets: SecretValues, problems: string[]): GrafanaAdmin {
  const password = secrets.get("grafanaAdminPassword");
  if (adminSecretName === undefined) return { source: "stack", name: grafanaAdminSecretName, password };
  checkSingleOwner("monitoring.grafana.adminSecretName", adminSecretName, grafanaAdminSecretName, password === undefined ? [] : ["grafanaAdminPassword"], problems);
  return { source: "existing", name: adminSecretName };
}

export function resolveMonitoring(input: MonitoringInput | undefined, environment: Environment, problems: string[], secrets: SecretValues): MonitoringSettings {
  const environmentDefaults = defaults[environment];
  const replicas = input?.prometheus?.replicas ?? environmentDefaults.replicas;
  if (environment === "prod" && replicas < 2) {
    problems.push(`monitoring.prometheus.replicas: expected an integer >= 2 in a prod stack, got ${replicas}`);
  }
  const alerts = input?.alerts;
  const enabled = input?.enabled ?? true;
  return {
    enabled,
    prometheus: {
      replicas,
      retention: input?.prometheus?.retention ?? environmentDefaults.retention,
      persistence: resolvePersistence(input?.prometheus, environment, problems),
      resources: resolveAddonResources("monitoring.prometheus.resources", input?.prometheus?.resources, environmentDefaults.prometheus, problems),
    },
    alertmanager: {
      resources: resolveAddonResources("monitoring.alertmanager.resources", input?.alertmanager?.resources, environmentDefaults.small, problems),
      // prod pages someone for critical alerts; without monitoring there is no Alertmanager, and nothing is required.
      routing: resolveAlertRouting(input?.alertmanager?.receivers, enabled && environment === "prod", enabled ? secrets : secrets.unrequired(), problems),
    },
    operator: {
      resources: resolveAddonResources("monitoring.operator.resources", input?.operator?.resources, environmentDefaults.small, problems),
    },
    grafana: {
      admin: resolveGrafanaAdmin(input?.grafana?.adminSecretName, secrets, problems),
      externalUrl: input?.grafana?.externalUrl ?? "http://localhost:3000",
      resources: resolveAddonResources("monitoring.grafana.resources", input?.grafana?.resources, environmentDefaults.grafana, problems),
    },
    alerts: {
      errorRatePercent: alerts?.errorRatePercent ?? 5,
      latencyP99Milliseconds: alerts?.latencyP99Milliseconds ?? 1000,
      rateLimitedRequestsPerSecond: alerts?.rateLimitedRequestsPerSecond ?? 1,
      mtlsHandshakeFailuresPerSecond: alerts?.mtlsHandshakeFailuresPerSecond ?? 0.05,
      ingressTlsHandshakeErrorPercent: alerts?.ingressTlsHandshakeErrorPercent ?? 50,
      for: alerts?.for ?? "5m",
      runbookBaseUrl: alerts?.runbookBaseUrl ?? defaultRunbookBaseUrl,
    },
  };
}
