import { resources as resourcesOf, resolveAddonResources } from "./addons";
import { type AlertReceiver, type AlertRouting, receiverKinds } from "./alerting";
import { type ArgocdComponent, argocdComponents, type ArgocdInput, type GrantableKind, type TeamInput } from "./argocdInput";
import type { ComputeResources, Environment } from "./environments";
import { describeValue } from "./errors";
import { checkUnique } from "./meshContext";
import type { IngressSettings } from "./meshTypes";
import { hostMatches } from "./mesh";
import { type CredentialSecret, resolveCredentialSecret, type SecretValues } from "./secrets";

export { argocdInput, type ArgocdInput, grantableKinds, type GrantableKind, argocdComponents, type ArgocdComponent } from "./argocdInput";

/** Argo CD for the teams that deliver into the mesh (`istio-mesh:argocd`); Pulumi owns the platform, teams their apps. */

export interface ArgocdApplication {
  readonly name: string;
  /** The team (AppProject) it belongs to. */
  readonly team: string;
  readonly repository: string;
  /** A directory of the repository (Kustomize, plain manifests) or, for a Helm repository, a chart name. */
  readonly path?: string;
  readonly chart?: string;
  /** @defaultValue HEAD */
  readonly targetRevision: string;
  /** The app namespace it deploys to; one of its team's. */
  readonly namespace: string;
  /** `syncPolicy.automated` with prune and self-heal; false: manual sync (production stacks). */
  readonly automated: boolean;
}

export interface ArgocdTeam {
  /** The AppProject's name. */
  readonly name: string;
  /** App namespaces it may deploy to. */
  readonly namespaces: readonly string[];
  /** Repositories it may deploy from (https). */
  readonly repositories: readonly string[];
  /** Istio kinds its project allows beyond the default set (PeerAuthentication, EnvoyFilter, Sidecar). @defaultValue [] */
  readonly grants: readonly GrantableKind[];
  readonly applications: readonly ArgocdApplication[];
}

export interface ArgocdNotifications {
  /** Sync failures and Degraded Istio objects go to the alert receivers. @defaultValue true while receivers are configured */
  readonly enabled: boolean;
  /** The mesh's alert receivers (monitoring.alertmanager.receivers), with their severities. */
  readonly receivers: readonly AlertReceiver[];
  /** Argo CD's notifications Secret entries, written from the receivers' secret config. */
  readonly secret?: Extract<CredentialSecret, { source: "stack" }>;
  /** The host of the generic webhook's URL (`istio-mesh:alertWebhookUrl` is secret), for its ServiceEntry. */
  readonly webhookHost?: string;
}

export interface ArgocdSettings {
  /** @defaultValue false */
  readonly enabled: boolean;
  /** Install Argo CD (chart argo-cd 10.1.1); false: configure the instance that already runs in `namespace`. @defaultValue true */
  readonly install: boolean;
  /** @defaultValue argocd */
  readonly namespace: string;
  /** Production stack: Applications sync manually. @defaultValue true where `environment` is prod */
  readonly production: boolean;
  /** Where users reach the UI and API through the ingress gateway; one of `mesh.ingress.hosts`. @defaultValue none (port-forward) */
  readonly host?: string;
  /** redis-ha, PodDisruptionBudgets and several replicas. @defaultValue true in prod */
  readonly highAvailability: boolean;
  readonly replicas: { readonly controller: number; readonly server: number; readonly repoServer: number; readonly applicationSet: number };
  readonly resources: Readonly<Record<ArgocdComponent, ComputeResources>>;
  /** Dex (SSO) and the identity provider hosts it calls. @defaultValue disabled */
  readonly dex: { readonly enabled: boolean; readonly hosts: readonly string[] };
  readonly notifications: ArgocdNotifications;
  readonly teams: readonly ArgocdTeam[];
}

const replicaDefaults: Record<Environment, ArgocdSettings["replicas"]> = {
  dev: { controller: 1, server: 1, repoServer: 1, applicationSet: 1 },
  staging: { controller: 1, server: 1, repoServer: 1, applicationSet: 1 },
  prod: { controller: 2, server: 2, repoServer: 2, applicationSet: 2 },
};

const resourceDefaults: Record<Environment, Record<ArgocdComponent, ComputeResources>> = {
  dev: {
    controller: resourcesOf("100m", "256Mi", "1000m", "1Gi"),
    server: resourcesOf("20m", "64Mi", "500m", "256Mi"),
    repoServer: resourcesOf("20m", "64Mi", "1000m", "512Mi"),
    applicationSet: resourcesOf("10m", "32Mi", "200m", "128Mi"),
    notifications: resourcesOf("10m", "32Mi", "200m", "128Mi"),
    redis: resourcesOf("10m", "32Mi", "200m", "128Mi"),
    dex: resourcesOf("10m", "32Mi", "100m", "128Mi"),
  },
  staging: {
    controller: resourcesOf("250m", "512Mi", "1000m", "2Gi"),
    server: resourcesOf("50m", "128Mi", "500m", "512Mi"),
    repoServer: resourcesOf("50m", "128Mi", "1000m", "1Gi"),
    applicationSet: resourcesOf("20m", "64Mi", "200m", "256Mi"),
    notifications: resourcesOf("20m", "64Mi", "200m", "256Mi"),
    redis: resourcesOf("50m", "64Mi", "200m", "256Mi"),
    dex: resourcesOf("10m", "32Mi", "100m", "128Mi"),
  },
  prod: {
    controller: resourcesOf("500m", "1Gi", "2000m", "4Gi"),
    server: resourcesOf("100m", "256Mi", "1000m", "1Gi"),
    repoServer: resourcesOf("250m", "256Mi", "2000m", "2Gi"),
    applicationSet: resourcesOf("50m", "128Mi", "500m", "512Mi"),
    notifications: resourcesOf("50m", "128Mi", "500m", "512Mi"),
    redis: resourcesOf("100m", "128Mi", "500m", "512Mi"),
    dex: resourcesOf("20m", "64Mi", "200m", "256Mi"),
  },
};

/** Where Argo CD's notifications controller reads the receivers' credentials: the Secret the chart's controller reads. */
export const argocdNotificationsSecretName = "argocd-notifications-secret";

/** The keys the stack owns in that Secret, per receiver; prefixed so they never meet an existing instance's own keys. */
export const argocdNotificationKeys: Readonly<Record<AlertReceiver["kind"], string>> = {
  pagerDuty: "istio-mesh-pagerduty-routing-key",
  slack: "istio-mesh-slack-api-url",
  webhook: "istio-mesh-webhook-url",
};

export interface ArgocdContext {
  readonly environment: Environment;
  /** Names declared in `istio-mesh:namespaces`. */
  readonly namespaces: readonly string[];
  /** Namespaces the platform itself owns (istio-system, monitoring, ...). */
  readonly reservedNamespaces: readonly string[];
  readonly ingress: IngressSettings;
  readonly alertRouting: AlertRouting;
  /** The alert receivers' Secret is someone else's (`monitoring.alertmanager.receivers.secretName`). */
  readonly receiversSecretExisting: boolean;
}

function resolveApplications(team: TeamInput, teamKey: string, production: boolean, problems: string[]): ArgocdApplication[] {
  return (team.applications ?? []).map((application, j) => {
    const key = `${teamKey}.applications[${j}]`;
    if (!team.repositories.includes(application.repository)) {
      problems.push(`${key}.repository: expected one of ${teamKey}.repositories (${describeValue(team.repositories)}), got ${describeValue(application.repository)}`);
    }
    if (!team.namespaces.includes(application.namespace)) {
      problems.push(`${key}.namespace: expected one of ${teamKey}.namespaces (${describeValue(team.namespaces)}), got ${describeValue(application.namespace)}`);
    }
    if ((application.path === undefined) === (application.chart === undefined)) {
      problems.push(`${key}: expected exactly one of path (a directory of the repository) and chart (a Helm chart of the repository), got ${application.path === undefined ? "neither" : "both"}`);
    }
    const expected = production ? "manual" : "automated";
    if (application.syncPolicy !== undefined && application.syncPolicy !== expected) {
      problems.push(
        `${key}.syncPolicy: expected ${describeValue(expected)} in a ${production ? "production" : "non-production"} stack (argocd.production is ${production}: ${production ? "a person syncs every change" : "Argo CD syncs with prune and self-heal"}), got ${describeValue(application.syncPolicy)}`,
      );
    }
    return {
      name: application.name,
      team: team.name,
      repository: application.repository,
      path: application.path,
      chart: application.chart,
      targetRevision: application.targetRevision ?? "HEAD",
      namespace: application.namespace,
      automated: !production,
    };
  });
}

function resolveTeams(input: readonly TeamInput[], production: boolean, context: ArgocdContext, problems: string[]): ArgocdTeam[] {
  const owners = new Map<string, string>();
  const teams = input.map((team, i) => {
    const key = `argocd.teams[${i}]`;
    if (team.name === "default") problems.push(`${key}.name: expected a name other than "default" (Argo CD's own project, which allows every repository and namespace), got "default"`);
    team.namespaces.forEach((namespace, j) => {
      if (!context.namespaces.includes(namespace)) {
        problems.push(`${key}.namespaces[${j}]: expected an app namespace declared in istio-mesh:namespaces (${describeValue(context.namespaces)}), got ${describeValue(namespace)}`);
      }
      const owner = owners.get(namespace);
      if (owner !== undefined && owner !== team.name) problems.push(`${key}.namespaces[${j}]: expected a namespace no other team deploys to, got ${describeValue(namespace)} (team ${owner}'s)`);
      owners.set(namespace, team.name);
    });
    checkUnique(team.repositories, (url) => url, (url, j) => `${key}.repositories[${j}]: expected a repository not listed before, got ${describeValue(url)} twice`, problems);
    return { name: team.name, namespaces: [...team.namespaces], repositories: [...team.repositories], grants: [...new Set(team.grants ?? [])], applications: resolveApplications(team, key, production, problems) };
  });
  checkUnique(teams, (team) => team.name, (team, i) => `argocd.teams[${i}].name: expected a team name not listed before, got ${describeValue(team.name)} twice`, problems);
  const applications = teams.flatMap((team, i) => team.applications.map((application, j) => ({ application, key: `argocd.teams[${i}].applications[${j}].name` })));
  checkUnique(applications, ({ application }) => application.name, ({ application, key }) => `${key}: expected an application name no team used before, got ${describeValue(application.name)} twice`, problems);
  return teams;
}

function resolveNotifications(input: ArgocdInput, context: ArgocdContext, enabled: boolean, secrets: SecretValues, problems: string[]): ArgocdNotifications {
  const receivers = context.alertRouting.receivers;
  const requested = input.notifications?.enabled;
  // Receivers whose Secret someone else writes leave nothing to copy: notifications are then asked for explicitly, and refused.
  const on = enabled && (requested ?? (receivers.length > 0 && !context.receiversSecretExisting));
  if (!on) return { enabled: false, receivers: [] };
  if (receivers.length === 0) {
    problems.push("argocd.notifications.enabled: expected false while monitoring.alertmanager.receivers is empty (Argo CD notifies the mesh's alert receivers), got true");
    return { enabled: false, receivers: [] };
  }
  if (context.receiversSecretExisting) {
    problems.push(
      "argocd.notifications.enabled: expected false while monitoring.alertmanager.receivers.secretName names an existing Secret (the stack writes Argo CD's copy of the receivers' URLs and keys from their secret config, which is then unset), got true",
    );
    return { enabled: false, receivers: [] };
  }
  const webhook = receivers.some((receiver) => receiver.kind === "webhook");
  if (webhook && input.notifications?.webhookHost === undefined) {
    problems.push("argocd.notifications.webhookHost: expected the host name of istio-mesh:alertWebhookUrl while the webhook receiver is configured (its ServiceEntry lets the notifications controller reach it), got nothing");
  }
  const secret = resolveCredentialSecret(
    {
      nameKey: "argocd.notifications",
      name: undefined,
      stackName: argocdNotificationsSecretName,
      data: Object.fromEntries(receivers.map((receiver) => [argocdNotificationKeys[receiver.kind], receiverKinds[receiver.kind].secretKey])),
    },
    secrets,
    problems,
  ) as Extract<CredentialSecret, { source: "stack" }>;
  return { enabled: true, receivers, secret, webhookHost: webhook ? input.notifications?.webhookHost : undefined };
}

const disabled: Omit<ArgocdSettings, "replicas" | "resources"> = {
  enabled: false,
  install: true,
  namespace: "argocd",
  production: false,
  highAvailability: false,
  dex: { enabled: false, hosts: [] },
  notifications: { enabled: false, receivers: [] },
  teams: [],
};

export function resolveArgocd(input: ArgocdInput | undefined, context: ArgocdContext, problems: string[], secrets: SecretValues): ArgocdSettings {
  const { environment } = context;
  const enabled = input?.enabled ?? false;
  const production = input?.production ?? environment === "prod";
  const install = input?.install ?? true;
  const highAvailability = input?.highAvailability ?? environment === "prod";
  const replicas = { ...replicaDefaults[environment], ...input?.replicas };
  const resources = Object.fromEntries(
    argocdComponents.map((component) => [component, resolveAddonResources(`argocd.resources.${component}`, input?.resources?.[component], resourceDefaults[environment][component], problems)]),
  ) as Record<ArgocdComponent, ComputeResources>;
  if (!enabled) {
    if (input !== undefined && Object.keys(input).some((key) => key !== "enabled")) {
      problems.push(`argocd.enabled: expected true while other argocd keys are set (${Object.keys(input).filter((key) => key !== "enabled").join(", ")}), got ${describeValue(input.enabled)}`);
    }
    return { ...disabled, replicas, resources };
  }
  if (highAvailability && environment === "prod" && Object.values(replicas).some((count) => count < 2)) {
    problems.push(`argocd.replicas: expected at least 2 of each in a prod stack (controller, server, repoServer, applicationSet), got ${describeValue(replicas)}`);
  }
  if (!install) {
    for (const key of ["host", "highAvailability", "replicas", "resources", "dex"] as const) {
      if (input?.[key] !== undefined) problems.push(`argocd.${key}: expected nothing while argocd.install is false (the existing instance's owner runs it), got ${describeValue(input[key])}`);
    }
  }
  const namespace = input?.namespace ?? "argocd";
  if ([...context.namespaces, ...context.reservedNamespaces].includes(namespace)) {
    problems.push(`argocd.namespace: expected a namespace of Argo CD's own, neither an app namespace nor one the platform owns, got ${describeValue(namespace)}`);
  }
  const host = input?.host;
  if (host !== undefined && !context.ingress.hosts.some((gatewayHost) => hostMatches(gatewayHost, host))) {
    problems.push(`argocd.host: expected a host served by mesh.ingress.hosts (${describeValue(context.ingress.hosts)}), got ${describeValue(host)}`);
  }
  return {
    enabled,
    install,
    namespace,
    production,
    host,
    highAvailability: install && highAvailability,
    replicas,
    resources,
    dex: { enabled: input?.dex?.enabled ?? false, hosts: [...(input?.dex?.hosts ?? [])] },
    notifications: resolveNotifications(input ?? {}, context, enabled, secrets, problems),
    teams: resolveTeams(input?.teams ?? [], production, context, problems),
  };
}
