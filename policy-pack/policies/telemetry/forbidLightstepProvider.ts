import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { meshConfigSourceKinds, meshSettingsOf } from "../../lib/meshConfig";
import { asArray, asRecord, asString, isSet } from "../../lib/values";

/** Tracing through the deprecated Lightstep provider (istioctl IST0002). */
export const forbidLightstepProvider = defineStackPolicy({
  name: "istio-telemetry-forbid-lightstep-provider",
  description:
    "A Telemetry's tracing must not use a mesh extension provider of type `lightstep`: Istio deprecated it (istioctl " +
    "IST0002). Define an `opentelemetry` extension provider pointing at your collector and trace through it.",
  enforcementLevel: "advisory",
  severity: "low",
  kinds: ["Telemetry", ...meshConfigSourceKinds],
  check: (inventory) => {
    const lightstep = new Set(
      asArray(meshSettingsOf(inventory).meshConfig.extensionProviders)
        .map(asRecord)
        .filter((provider) => isSet(provider.lightstep))
        .map((provider) => asString(provider.name) ?? ""),
    );
    if (lightstep.size === 0) return [];
    return inventory.of("Telemetry").flatMap((telemetry) =>
      asArray(telemetry.spec.tracing).flatMap((tracing, i) =>
        asArray(asRecord(tracing).providers).flatMap((provider, j): StackFinding[] => {
          const name = asString(asRecord(provider).name) ?? "";
          return lightstep.has(name) ? [{ resource: telemetry, path: `spec.tracing[${i}].providers[${j}].name`, found: name, expected: "an OpenTelemetry provider (Lightstep is deprecated)", fix: "Trace through an opentelemetry extension provider." }] : [];
        }),
      ),
    );
  },
});
