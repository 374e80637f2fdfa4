import { z } from "zod";
import { hostName } from "./meshInput";
import { boolean, computeResources, dnsLabel, integer, nonEmptyString, oneOf } from "./validators";

/** The stack config schema of `istio-mesh:argocd`; cross-key rules (teams, repositories, sync policy) live in argocd.ts. */

const repositoryText = "expected an https:// repository URL on port 443 such as https://github.com/example/deploy.git";
/**
 * Repositories are reached over HTTPS on port 443 only, the port the repo server's ServiceEntry opens: SSH (port
 * 22) is plain TCP, which under REGISTRY_ONLY needs the server's IP addresses.
 */
export const repositoryUrl = z
  .string({ error: repositoryText })
  .regex(/^https:\/\/[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:443)?(\/\S*)?$/, { error: repositoryText });

/** Istio kinds a team's AppProject denies unless its config grants them: they change the namespace's mTLS, proxies or egress. */
export const grantableKinds = ["PeerAuthentication", "EnvoyFilter", "Sidecar"] as const;
export type GrantableKind = (typeof grantableKinds)[number];

/** The Argo CD components whose requests and limits the stack sets. */
export const argocdComponents = ["controller", "server", "repoServer", "applicationSet", "notifications", "redis", "dex"] as const;
export type ArgocdComponent = (typeof argocdComponents)[number];

const applicationInput = z.strictObject({
  name: dnsLabel,
  /** One of the team's `repositories`. */
  repository: repositoryUrl,
  path: nonEmptyString.optional(),
  chart: nonEmptyString.optional(),
  targetRevision: nonEmptyString.optional(),
  /** One of the team's `namespaces`. */
  namespace: dnsLabel,
  /** Stated where a team wants it explicit; it must agree with the stack's production flag. */
  syncPolicy: oneOf(["automated", "manual"]).optional(),
});

const teamInput = z.strictObject({
  name: dnsLabel,
  namespaces: z.array(dnsLabel, { error: "expected a list of app namespaces" }).min(1, { error: "expected a non-empty list of app namespaces" }),
  repositories: z.array(repositoryUrl, { error: "expected a list of https:// repository URLs" }).min(1, { error: "expected a non-empty list of https:// repository URLs" }),
  grants: z.array(oneOf(grantableKinds), { error: `expected a list of kinds (${grantableKinds.join(", ")})` }).optional(),
  applications: z.array(applicationInput, { error: "expected a list of applications" }).optional(),
});

const replicasInput = z.strictObject({
  controller: integer(1, 10).optional(),
  server: integer(1, 10).optional(),
  repoServer: integer(1, 10).optional(),
  applicationSet: integer(1, 10).optional(),
});

export const argocdInput = z.strictObject({
  enabled: boolean.optional(),
  install: boolean.optional(),
  namespace: dnsLabel.optional(),
  production: boolean.optional(),
  host: hostName.optional(),
  highAvailability: boolean.optional(),
  replicas: replicasInput.optional(),
  resources: z.strictObject(Object.fromEntries(argocdComponents.map((component) => [component, computeResources.optional()])) as Record<ArgocdComponent, z.ZodOptional<typeof computeResources>>).optional(),
  dex: z.strictObject({ enabled: boolean.optional(), hosts: z.array(hostName, { error: "expected a list of host names" }).optional() }).optional(),
  notifications: z.strictObject({ enabled: boolean.optional(), webhookHost: hostName.optional() }).optional(),
  teams: z.array(teamInput, { error: "expected a list of teams ({name, namespaces, repositories, grants?, applications?})" }).optional(),
});
export type ArgocdInput = z.infer<typeof argocdInput>;
export type TeamInput = z.infer<typeof teamInput>;
