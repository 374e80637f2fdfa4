import type { ArgocdApplication, ArgocdTeam, GrantableKind } from "../settings/argocd";
import { argocd } from "./names";
import { istioKinds } from "./meshSpecs/common";

/**
 * A team's AppProject and Applications (argoproj.io/v1alpha1). The project is the guard rail Argo CD enforces at
 * sync: the team's namespaces on this cluster, its repositories, no cluster-scoped kinds at all, and only the
 * namespaced kinds an app needs; the Istio kinds that change a namespace's mTLS, proxies or egress stay the
 * platform's unless the team's config grants them.
 */

export const argocdApiVersion = "argoproj.io/v1alpha1";

interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

const groupOf = (kind: keyof typeof istioKinds) => istioKinds[kind].split("/")[0];

/** The kinds every team may sync: its workloads and their config, and the Istio objects of its own services. */
export const teamResourceKinds: readonly GroupKind[] = [
  ...["ConfigMap", "Secret", "Service", "ServiceAccount", "PersistentVolumeClaim"].map((kind) => ({ group: "", kind })),
  { group: "apps", kind: "Deployment" },
  { group: "apps", kind: "StatefulSet" },
  { group: "batch", kind: "Job" },
  { group: "batch", kind: "CronJob" },
  { group: "autoscaling", kind: "HorizontalPodAutoscaler" },
  { group: "policy", kind: "PodDisruptionBudget" },
  ...(["VirtualService", "DestinationRule", "AuthorizationPolicy", "RequestAuthentication"] as const).map((kind) => ({ group: groupOf(kind), kind })),
];

/** The Istio kinds a team's project denies unless granted. */
export function grantableGroupKind(kind: GrantableKind): GroupKind {
  return { group: groupOf(kind), kind };
}

export function appProjectSpec(team: ArgocdTeam, grantable: readonly GrantableKind[]): Record<string, unknown> {
  const granted = grantable.filter((kind) => team.grants.includes(kind));
  const denied = grantable.filter((kind) => !team.grants.includes(kind));
  return {
    description: `Team ${team.name}: deploys into ${team.namespaces.join(", ")} from its own repositories`,
    sourceRepos: [...team.repositories],
    destinations: team.namespaces.map((namespace) => ({ server: argocd.inClusterServer, namespace })),
    clusterResourceWhitelist: [],
    namespaceResourceWhitelist: [...teamResourceKinds, ...granted.map(grantableGroupKind)].map((groupKind) => ({ ...groupKind })),
    namespaceResourceBlacklist: denied.map(grantableGroupKind),
  };
}

/** Automated sync with prune and self-heal outside production; in production no `automated`: a person syncs. */
export function syncPolicy(application: ArgocdApplication): Record<string, unknown> | undefined {
  return application.automated ? { automated: { prune: true, selfHeal: true } } : undefined;
}

export function applicationSpec(application: ArgocdApplication): Record<string, unknown> {
  const source = {
    repoURL: application.repository,
    targetRevision: application.targetRevision,
    ...(application.path === undefined ? {} : { path: application.path }),
    ...(application.chart === undefined ? {} : { chart: application.chart }),
  };
  const policy = syncPolicy(application);
  return {
    project: application.team,
    source,
    destination: { server: argocd.inClusterServer, namespace: application.namespace },
    ...(policy === undefined ? {} : { syncPolicy: policy }),
  };
}
