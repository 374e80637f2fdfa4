import { defineResourcePolicy } from "../../lib/definePolicy";
import type { Finding } from "../../lib/messages";
import { asRecord, type Json } from "../../lib/values";

interface SyncPolicyConfig {
  /** The stack is a production stack: Applications sync only when a person says so. */
  readonly production: boolean;
}

function checkSyncPolicy(spec: Json, prefix: string, production: boolean): Finding[] {
  const syncPolicy = asRecord(spec.syncPolicy);
  const automated = syncPolicy.automated;
  if (production) {
    return automated === undefined
      ? []
      : [{ path: `${prefix}.syncPolicy.automated`, found: automated, expected: "no automated sync in a production stack", fix: "Remove syncPolicy.automated: in production a person syncs every change." }];
  }
  const settings = asRecord(automated);
  if (automated === undefined || settings.enabled === false) {
    return [{ path: `${prefix}.syncPolicy.automated`, found: automated, expected: "{prune: true, selfHeal: true} in a non-production stack", fix: "Set syncPolicy.automated with prune and selfHeal." }];
  }
  return (["prune", "selfHeal"] as const)
    .filter((field) => settings[field] !== true)
    .map((field) => ({ path: `${prefix}.syncPolicy.automated.${field}`, found: settings[field], expected: "true in a non-production stack", fix: `Set syncPolicy.automated.${field}: true.` }));
}

/**
 * Property 18: Applications sync automatically with prune and self-heal outside production, and manually (no
 * `automated`) in production. The pack sees resources, not stack config: which stacks are production comes from the
 * policy config of each stack (`production`), which a test keeps in step with the stack config's `argocd.production`.
 * An ApplicationSet's template is checked the same way, since every Application it generates takes that policy.
 */
export const requireEnvironmentSyncPolicy = defineResourcePolicy<SyncPolicyConfig>({
  name: "argocd-application-require-environment-sync-policy",
  description:
    "In a stack whose policy config says `production: true`, an Application (or an ApplicationSet's template) has no " +
    "`syncPolicy.automated`: a person syncs every change. Elsewhere it syncs automatically with `prune: true` and " +
    "`selfHeal: true`, so what is in Git is what runs. Fix the sync policy, or the policy config's `production` if the " +
    "stack's role changed.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      production: { type: "boolean", default: false, description: "The stack is a production stack: its Applications sync manually." },
    },
  },
  kinds: ["Application", "ApplicationSet"],
  check: (resource, config) =>
    resource.kind === "Application"
      ? checkSyncPolicy(resource.spec, "spec", config.production)
      : checkSyncPolicy(asRecord(asRecord(resource.spec.template).spec), "spec.template.spec", config.production),
});
