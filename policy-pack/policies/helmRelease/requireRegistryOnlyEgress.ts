import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIstiodRelease, meshConfigOf } from "../../lib/helmReleases";
import { at } from "../../lib/values";

interface RegistryOnlyConfig {
  /** Whether egress must be limited to registered services. */
  readonly requireRegistryOnly: boolean;
}

/** Property 20: egress only to services the mesh knows (ServiceEntries). */
export const requireRegistryOnlyEgress = defineResourcePolicy<RegistryOnlyConfig>({
  name: "istio-helmrelease-require-registry-only-egress",
  description:
    "istiod's `meshConfig.outboundTrafficPolicy.mode` must be REGISTRY_ONLY where `requireRegistryOnly` is true " +
    "(property 20; advisory in dev). Set the mode to REGISTRY_ONLY and declare external hosts as ServiceEntries.",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      requireRegistryOnly: { type: "boolean", default: true, description: "Require REGISTRY_ONLY egress." },
    },
  },
  kinds: ["HelmRelease"],
  check: (release, config) => {
    if (!config.requireRegistryOnly || !isIstiodRelease(release)) {
      return [];
    }
    const mode = at(meshConfigOf(release), "outboundTrafficPolicy", "mode");
    return mode === "REGISTRY_ONLY"
      ? []
      : [{
          path: "values.meshConfig.outboundTrafficPolicy.mode",
          found: mode,
          expected: "REGISTRY_ONLY",
          fix: "Set outboundTrafficPolicy.mode to REGISTRY_ONLY.",
        }];
  },
});
