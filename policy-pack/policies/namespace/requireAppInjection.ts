import { appNamespaceNames } from "../../lib/appNamespaces";
import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { injectionLabel, revisionLabel } from "./forbidConflictingInjectionLabels";

/**
 * Property 1 (app namespaces): a namespace with its own namespace-wide PeerAuthentication, outside the root
 * namespace, is an application namespace and must have injection enabled (istioctl IST0102).
 */
export const requireAppInjection = defineStackPolicy({
  name: "istio-namespace-require-app-injection",
  description:
    "An application namespace (one with its own namespace-wide PeerAuthentication, outside the mesh root " +
    `namespace) must enable sidecar injection: \`${injectionLabel}: enabled\` or an \`${revisionLabel}\` label ` +
    "(property 1, istioctl IST0102). Label the namespace for injection.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Namespace", "PeerAuthentication", "HelmRelease"],
  check: (inventory) => {
    const appNamespaces = appNamespaceNames(inventory);
    const findings: StackFinding[] = [];
    for (const namespace of inventory.of("Namespace")) {
      if (!appNamespaces.has(namespace.name)) {
        continue;
      }
      const injected = namespace.labels[injectionLabel] === "enabled" || namespace.labels[revisionLabel] !== undefined;
      if (!injected) {
        findings.push({
          resource: namespace,
          path: `metadata.labels["${injectionLabel}"]`,
          found: namespace.labels[injectionLabel],
          expected: `"enabled" (or an ${revisionLabel} label)`,
          fix: `Label namespace ${namespace.name} with ${injectionLabel}: enabled.`,
        });
      }
    }
    return findings;
  },
});
