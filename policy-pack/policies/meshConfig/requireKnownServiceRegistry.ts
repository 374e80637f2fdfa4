import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { meshConfigSourceKinds, meshSettingsOf } from "../../lib/meshConfig";
import { asArray, asRecord, asString } from "../../lib/values";

const builtInRegistries = ["Mock", "Kubernetes", "External"];

/** meshNetworks endpoints name registries istiod knows (istioctl IST0126). */
export const requireKnownServiceRegistry = defineStackPolicy({
  name: "istio-meshconfig-require-known-service-registry",
  description:
    "Every `fromRegistry` of a meshNetworks endpoint must name a service registry istiod knows: Kubernetes, the " +
    "cluster of a remote secret (a Secret labelled istio/multiCluster=true, by its data keys), or External; " +
    "otherwise the network's endpoints are never found (istioctl IST0126). Fix the registry (cluster) name.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Secret", ...meshConfigSourceKinds],
  check: (inventory) => {
    const settings = meshSettingsOf(inventory);
    if (settings.source === undefined) return [];
    const clusters = inventory
      .of("Secret")
      .filter((secret) => secret.labels["istio/multiCluster"] === "true")
      .flatMap((secret) => [...Object.keys(asRecord(secret.props.data)), ...Object.keys(asRecord(secret.props.stringData))]);
    const known = new Set([...builtInRegistries, ...clusters]);
    const findings: StackFinding[] = [];
    for (const [network, value] of Object.entries(asRecord(settings.meshNetworks.networks))) {
      asArray(asRecord(value).endpoints).forEach((endpoint, j) => {
        const registry = asString(asRecord(endpoint).fromRegistry);
        if (registry !== undefined && !known.has(registry)) {
          findings.push({ resource: settings.source!, path: `meshNetworks.networks.${network}.endpoints[${j}].fromRegistry`, found: registry, expected: `a known registry (${[...known].join(", ")})`, fix: "Name the cluster of a remote secret, or Kubernetes." });
        }
      });
    }
    return findings;
  },
});
