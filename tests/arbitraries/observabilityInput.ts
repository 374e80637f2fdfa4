import fc from "fast-check";
import { environments, type Environment } from "../../settings/environments";
import { alphanumericLabel, dashedLabel } from "./labels";
import { computeResources } from "./stackSettingsInput";

/**
 * Valid add-on config (`certManager`, `monitoring`, `tracing`, `kiali`, and the `mesh.ingress.hosts` that need
 * certificates) for an environment, built valid directly: prod gets its high availability and persistence,
 * Kiali is on only with monitoring, HTTPS hosts only with cert-manager.
 */

const secretName = dashedLabel(20);
const hostLabel = alphanumericLabel(0, 10);
const duration = fc.tuple(fc.integer({ min: 1, max: 90 }), fc.constantFrom("h", "d", "w")).map(([count, unit]) => `${count}${unit}`);

const dns01 = fc.oneof(
  fc.record({ provider: fc.constant("cloudflare" as const), apiTokenSecretName: secretName }),
  fc.record({ provider: fc.constant("route53" as const), region: fc.constantFrom("eu-west-1", "us-east-1"), credentialsSecretName: secretName }),
);

function issuer(environment: Environment) {
  const acme = fc.record({
    type: fc.constant("acme" as const),
    acme: fc.record({ email: hostLabel.map((user) => `${user}@example.com`), solver: fc.constant("dns01" as const), dns01 }),
  });
  return environment === "prod" ? acme : fc.oneof(fc.constant({ type: "selfSigned" as const }), acme);
}

function certManager(environment: Environment) {
  return fc.record({
    enabled: fc.boolean(),
    replicas: fc.integer({ min: environment === "prod" ? 2 : 1, max: 5 }),
    resources: computeResources,
    issuer: issuer(environment),
  });
}

/** Receivers by severity, their keys in a Secret someone else writes; prod always routes critical alerts somewhere. */
function receivers(environment: Environment) {
  const severities = fc.subarray(["critical", "warning"] as const, { minLength: 1 });
  const critical = fc.constant(["critical", "warning"] as const);
  return fc
    .record({
      pagerDuty: fc.record({ severities: environment === "prod" ? critical : severities }),
      slack: fc.record({ channel: fc.constantFrom("#mesh", "#platform-alerts"), severities }),
      webhook: fc.record({ severities }),
      secretName,
    }, { requiredKeys: environment === "prod" ? ["pagerDuty", "secretName"] : ["secretName"] });
}

function monitoring(environment: Environment) {
  return fc.record({
    enabled: fc.boolean(),
    prometheus: fc.record({
      replicas: fc.integer({ min: environment === "prod" ? 2 : 1, max: 5 }),
      retention: duration,
      persistence: environment === "prod" ? fc.constant({ enabled: true, size: "50Gi" }) : fc.constantFrom({ enabled: false }, { enabled: true, size: "10Gi" }),
      resources: computeResources,
    }),
    grafana: fc.record({ adminSecretName: secretName, resources: computeResources }),
    alertmanager: fc.record({ receivers: receivers(environment) }),
    alerts: fc.record({
      errorRatePercent: fc.double({ min: 0.1, max: 100, noNaN: true }),
      latencyP99Milliseconds: fc.integer({ min: 1, max: 300000 }),
      rateLimitedRequestsPerSecond: fc.double({ min: 0, max: 1000, noNaN: true }),
    }),
  });
}

function tracing(environment: Environment) {
  const storage =
    environment === "prod"
      ? fc.oneof(fc.constant({ type: "badger" as const, retention: "72h" }), fc.constant({ type: "elasticsearch" as const, elasticsearchUrl: "http://es.observability:9200" }))
      : fc.oneof(fc.constant({ type: "memory" as const }), fc.constant({ type: "memory" as const, maxTraces: 1000 }), fc.constant({ type: "badger" as const }));
  return fc.record({ enabled: fc.boolean(), samplingPercentage: fc.double({ min: 0, max: 100, noNaN: true }), storage, resources: computeResources });
}

function kiali(environment: Environment, monitoringEnabled: boolean) {
  const strategies = environment === "dev" ? ["anonymous", "token", "openid"] : ["token", "openid"];
  return fc.record({
    enabled: monitoringEnabled ? fc.boolean() : fc.constant(false),
    authStrategy: fc.constantFrom(...strategies),
    // The client secret in a Secret someone else writes: a config that needs no secret config at all.
    openid: secretName.map((clientSecretName) => ({ issuerUri: "https://login.example.com", clientId: "kiali", clientSecretName })),
    // Grafana's admin Secret is someone else's here (monitoring.grafana.adminSecretName), so Kiali's copy of the password is too.
    grafana: secretName.map((passwordSecretName) => ({ passwordSecretName })),
    viewOnly: fc.boolean(),
    resources: computeResources,
  });
}

export function observabilityInputFor(environment: Environment) {
  return fc
    .record({ certManager: certManager(environment), monitoring: monitoring(environment), tracing: tracing(environment) })
    .chain((addons) =>
      fc.record({
        kiali: kiali(environment, addons.monitoring.enabled),
        hosts: addons.certManager.enabled ? fc.uniqueArray(hostLabel.map((label) => `${label}.example.com`), { maxLength: 3 }) : fc.constant([]),
      }).map(({ kiali: kialiInput, hosts }) => ({ environment, ...addons, kiali: kialiInput, mesh: { ingress: { hosts } } })),
    );
}

export const validObservabilityInput = fc.constantFrom(...environments).chain(observabilityInputFor);
export type ObservabilityInput = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
