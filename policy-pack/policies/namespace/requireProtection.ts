import { appNamespaceNames } from "../../lib/appNamespaces";
import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";

interface ProtectionConfig {
  readonly requireProtection: boolean;
}

/**
 * Applications survive config changes: deleting a Namespace deletes every workload and volume in it, including
 * what teams deployed into it out of band, so a production stack protects its app namespaces.
 */
export const requireProtection = defineStackPolicy<ProtectionConfig>({
  name: "istio-namespace-require-protection",
  description:
    "Where `requireProtection` is true (prod), every application namespace (one with its own namespace-wide " +
    "PeerAuthentication, outside the mesh root namespace) is protected, so no `pulumi up` deletes it with the " +
    "workloads and volumes in it (a renamed or removed namespace in config would). Set the `protect` resource " +
    "option on the namespace.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      requireProtection: { type: "boolean", default: false, description: "Require the protect option on application namespaces." },
    },
  },
  kinds: ["Namespace", "PeerAuthentication", "HelmRelease"],
  check: (inventory, config) => {
    if (!config.requireProtection) {
      return [];
    }
    const appNamespaces = appNamespaceNames(inventory);
    const findings: StackFinding[] = [];
    for (const namespace of inventory.of("Namespace")) {
      if (appNamespaces.has(namespace.name) && !namespace.protect) {
        findings.push({
          resource: namespace,
          path: "protect",
          found: false,
          expected: "true (the resource option)",
          fix: `Protect namespace ${namespace.name}: set its protect resource option.`,
        });
      }
    }
    return findings;
  },
});
