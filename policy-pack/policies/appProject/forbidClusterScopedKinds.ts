import { defineResourcePolicy } from "../../lib/definePolicy";
import { asArray } from "../../lib/values";

/**
 * A team's AppProject grants no cluster-scoped kind: Namespaces, CRDs, ClusterRoles, webhooks and Istio's mesh-wide
 * objects belong to the platform. Argo CD v3 permits none while `clusterResourceWhitelist` is empty or absent.
 */
export const forbidClusterScopedKinds = defineResourcePolicy({
  name: "argocd-appproject-forbid-cluster-scoped-kinds",
  description:
    "An AppProject's `clusterResourceWhitelist` is empty (or absent): its Applications sync no cluster-scoped kind " +
    "(Namespaces, CRDs, ClusterRoles, webhooks), which the platform owns. Remove the entries; the platform's stack " +
    "creates what a team needs at cluster scope.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["AppProject"],
  check: (project) => {
    const whitelist = asArray(project.spec.clusterResourceWhitelist);
    return whitelist.length === 0
      ? []
      : [{ path: "spec.clusterResourceWhitelist", found: whitelist, expected: "[] (no cluster-scoped kinds)", fix: "Empty spec.clusterResourceWhitelist." }];
  },
});
