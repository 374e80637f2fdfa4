import { z } from "zod";
import { httpsUrl, resolveAddonResources, resources, secretName } from "./addons";
import type { ComputeResources, Environment } from "./environments";
import type { MonitoringSettings } from "./monitoring";
import { type CredentialSecret, resolveCredentialSecret, type SecretValues } from "./secrets";
import { boolean, computeResources, integer, nonEmptyString, oneOf } from "./validators";

export const kialiInput = z.strictObject({
  enabled: boolean.optional(),
  authStrategy: oneOf(["anonymous", "token", "openid"]).optional(),
  openid: z
    .strictObject({
      issuerUri: httpsUrl,
      clientId: nonEmptyString,
      /** An existing Secret in istio-system whose `oidc-secret` key holds the client secret; omit to have the stack write it. */
      clientSecretName: secretName.optional(),
      usernameClaim: nonEmptyString.optional(),
      disableRbac: boolean.optional(),
    })
    .optional(),
  grafana: z
    .strictObject({
      username: nonEmptyString.optional(),
      /** An existing Secret in istio-system whose `value.txt` holds that user's Grafana password; omit to have the stack write it. */
      passwordSecretName: secretName.optional(),
    })
    .optional(),
  viewOnly: boolean.optional(),
  replicas: integer(1, 5).optional(),
  resources: computeResources.optional(),
});
export type KialiInput = z.infer<typeof kialiInput>;

export interface KialiOpenId {
  readonly issuerUri: string;
  readonly clientId: string;
  /** The Secret Kiali reads `oidc-secret` from: `kiali`, written from `istio-mesh:kialiOidcClientSecret`, or an existing one. */
  readonly clientSecret: CredentialSecret;
  /** @defaultValue sub */
  readonly usernameClaim: string;
  /**
   * Kiali calls the Kubernetes API with its own service account instead of the user's OIDC token (for clusters whose
   * API server does not accept the issuer's tokens). @defaultValue false: each user sees what their RBAC allows
   */
  readonly disableRbac: boolean;
}

/** The Secret the stack writes Grafana's password into for Kiali, in istio-system (key `value.txt`). */
export const kialiGrafanaSecretName = "kiali-grafana";

/** How Kiali logs in to Grafana's API to find the Istio dashboards it links to. */
export interface KialiGrafanaCredentials {
  /** @defaultValue admin (the user of the Grafana admin Secret the stack writes) */
  readonly username: string;
  /**
   * `stack`: the stack copies Grafana's admin password into `kiali-grafana` (only while it writes Grafana's admin
   * Secret itself); `existing`: a Secret someone else writes, named by `kiali.grafana.passwordSecretName`.
   */
  readonly passwordSecret: { readonly source: "stack"; readonly name: string } | { readonly source: "existing"; readonly name: string };
}

export interface KialiSettings {
  /** Install Kiali (kiali-server chart); needs monitoring. @defaultValue true */
  readonly enabled: boolean;
  /** Login: `anonymous` (dev only), `token` (a Kubernetes token) or `openid`. @defaultValue anonymous (dev), token (staging, prod) */
  readonly authStrategy: "anonymous" | "token" | "openid";
  readonly openid?: KialiOpenId;
  readonly grafana: KialiGrafanaCredentials;
  /** Hide every action that changes the mesh. @defaultValue false (dev, staging), true (prod) */
  readonly viewOnly: boolean;
  /** @defaultValue 1 (dev, staging), 2 (prod) */
  readonly replicas: number;
  readonly resources: ComputeResources;
}

const defaults: Readonly<Record<Environment, Omit<KialiSettings, "enabled" | "openid" | "grafana">>> = {
  dev: { authStrategy: "anonymous", viewOnly: false, replicas: 1, resources: resources("10m", "64Mi", "500m", "256Mi") },
  staging: { authStrategy: "token", viewOnly: false, replicas: 1, resources: resources("50m", "128Mi", "500m", "512Mi") },
  prod: { authStrategy: "token", viewOnly: true, replicas: 2, resources: resources("100m", "256Mi", "1000m", "1Gi") },
};

/** The Secret the stack writes Kiali's OIDC client secret into, in istio-system (Kiali mounts it at /kiali-secret). */
export const kialiOidcSecretName = "kiali";

export function resolveKiali(input: KialiInput | undefined, environment: Environment, problems: string[], secrets: SecretValues): KialiSettings {
  const environmentDefaults = defaults[environment];
  const authStrategy = input?.authStrategy ?? environmentDefaults.authStrategy;
  if (authStrategy === "anonymous" && environment !== "dev") {
    problems.push(`kiali.authStrategy: expected "token" or "openid" in a ${environment} stack (anonymous gives anyone the mesh's topology), got "anonymous"`);
  }
  if (authStrategy === "openid" && input?.openid === undefined) {
    problems.push("kiali.openid: expected {issuerUri, clientId, clientSecretName?} while kiali.authStrategy is \"openid\", got nothing");
  }
  const enabled = input?.enabled ?? true;
  const openid = authStrategy === "openid" ? input?.openid : undefined;
  return {
    enabled,
    authStrategy,
    openid:
      openid === undefined
        ? undefined
        : {
            issuerUri: openid.issuerUri,
            clientId: openid.clientId,
            clientSecret: resolveCredentialSecret(
              { nameKey: "kiali.openid.clientSecretName", name: openid.clientSecretName, stackName: kialiOidcSecretName, data: { "oidc-secret": "kialiOidcClientSecret" } },
              enabled ? secrets : secrets.unrequired(),
              problems,
            ),
            usernameClaim: openid.usernameClaim ?? "sub",
            disableRbac: openid.disableRbac ?? false,
          },
    grafana: {
      username: input?.grafana?.username ?? "admin",
      passwordSecret:
        input?.grafana?.passwordSecretName === undefined ? { source: "stack", name: kialiGrafanaSecretName } : { source: "existing", name: input.grafana.passwordSecretName },
    },
    viewOnly: input?.viewOnly ?? environmentDefaults.viewOnly,
    replicas: input?.replicas ?? environmentDefaults.replicas,
    resources: resolveAddonResources("kiali.resources", input?.resources, environmentDefaults.resources, problems),
  };
}

/**
 * Kiali draws every graph from Prometheus: it cannot run without the monitoring stack. It logs in to Grafana with a
 * password the stack can copy only while it writes Grafana's admin Secret itself.
 */
export function checkKialiDependencies(kiali: KialiSettings, monitoring: MonitoringSettings, problems: string[]): void {
  if (kiali.enabled && !monitoring.enabled) {
    problems.push("kiali.enabled: expected false while monitoring.enabled is false (Kiali reads its graphs and health from Prometheus), got true");
  }
  if (kiali.enabled && monitoring.enabled && monitoring.grafana.admin.source === "existing" && kiali.grafana.passwordSecret.source === "stack") {
    problems.push(
      "kiali.grafana.passwordSecretName: expected the name of a Secret in istio-system whose value.txt holds the Grafana password of kiali.grafana.username while monitoring.grafana.adminSecretName is set (the stack cannot copy a password it does not know), got nothing",
    );
  }
}
