import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { meshConfigSourceKinds, meshSettingsOf } from "../../lib/meshConfig";
import { asArray, asRecord } from "../../lib/values";

/** Access logging names a provider unless the mesh has a default one (istioctl IST0157). */
export const requireAccessLogProvider = defineStackPolicy({
  name: "istio-telemetry-require-access-log-provider",
  description:
    "An enabled `accessLogging` entry of a Telemetry must name `providers` when the mesh config sets no " +
    "`defaultProviders.accessLogging`; otherwise Istio ignores it (istioctl IST0157). Name a provider (e.g. envoy), " +
    "or set meshConfig.defaultProviders.accessLogging.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Telemetry", ...meshConfigSourceKinds],
  check: (inventory) => {
    const defaults = asArray(asRecord(meshSettingsOf(inventory).meshConfig.defaultProviders).accessLogging);
    if (defaults.length > 0) return [];
    return inventory.of("Telemetry").flatMap((telemetry) =>
      asArray(telemetry.spec.accessLogging).flatMap((entry, i): StackFinding[] => {
        const logging = asRecord(entry);
        if (logging.disabled === true || asArray(logging.providers).length > 0) return [];
        return [{ resource: telemetry, path: `spec.accessLogging[${i}].providers`, found: undefined, expected: "a provider (the mesh config names no default access log provider)", fix: "Name a provider, e.g. providers: [{name: envoy}]." }];
      }),
    );
  },
});
