import { istioGroupKind, permitsNamespacedKind } from "../../lib/argocd";
import { defineResourcePolicy } from "../../lib/definePolicy";
import type { Finding } from "../../lib/messages";

/** The Istio kinds that change a whole namespace's mTLS, the proxies themselves, or what the proxies may reach. */
export const meshWideKinds = ["PeerAuthentication", "EnvoyFilter", "Sidecar"] as const;

interface MeshWideKindsConfig {
  /** AppProject name → the kinds of `meshWideKinds` its config grants. */
  readonly grants: Readonly<Record<string, readonly string[]>>;
}

/**
 * A team's AppProject keeps PeerAuthentication (its namespace's mTLS), EnvoyFilter (the proxies' config) and Sidecar
 * (its egress) with the platform, unless the team's config grants one: `grants` in the policy config, per project,
 * which a test keeps in step with the stack config's `argocd.teams[].grants`.
 */
export const forbidMeshWideKinds = defineResourcePolicy<MeshWideKindsConfig>({
  name: "argocd-appproject-forbid-mesh-wide-kinds",
  description:
    "An AppProject does not let its Applications sync PeerAuthentication, EnvoyFilter or Sidecar (no `namespaceResourceWhitelist` " +
    "permits every kind; list the kinds, and put these three in `namespaceResourceBlacklist`), unless the policy config " +
    "grants that kind to the project (`grants`): they change the namespace's " +
    "mTLS, the proxies and their egress, which the platform owns.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      grants: {
        type: "object",
        default: {},
        additionalProperties: { type: "array", items: { type: "string", enum: [...meshWideKinds] } },
        description: "AppProject name to the kinds (PeerAuthentication, EnvoyFilter, Sidecar) its team's config grants.",
      },
    },
  },
  kinds: ["AppProject"],
  check: (project, config): Finding[] => {
    const granted = config.grants[project.name] ?? [];
    return meshWideKinds
      .filter((kind) => !granted.includes(kind) && permitsNamespacedKind(project, istioGroupKind(kind)))
      .map((kind) => ({
        path: "spec.namespaceResourceBlacklist",
        found: kind,
        expected: `${istioGroupKind(kind).group}/${kind} denied (it is not granted to project ${project.name})`,
        fix: `Add {group: ${istioGroupKind(kind).group}, kind: ${kind}} to namespaceResourceBlacklist, or grant it in the team's config.`,
      }));
  },
});
