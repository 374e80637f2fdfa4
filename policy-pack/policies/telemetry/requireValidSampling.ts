import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIstiodRelease, meshConfigOf, releaseValues } from "../../lib/helmReleases";
import { Finding } from "../../lib/messages";
import { MeshResource } from "../../lib/meshResource";
import { asArray, asRecord, at, isSet } from "../../lib/values";

interface SamplingSetting {
  readonly path: string;
  readonly value: unknown;
}

function samplingSettings(resource: MeshResource): SamplingSetting[] {
  if (resource.kind === "Telemetry") {
    return asArray(resource.spec.tracing).map((tracing, i) => ({
      path: `spec.tracing[${i}].randomSamplingPercentage`,
      value: asRecord(tracing).randomSamplingPercentage,
    }));
  }
  if (!isIstiodRelease(resource)) {
    return [];
  }
  return [
    { path: "values.meshConfig.defaultConfig.tracing.sampling", value: at(meshConfigOf(resource), "defaultConfig", "tracing", "sampling") },
    { path: "values.traceSampling", value: releaseValues(resource).traceSampling },
  ];
}

/** Property 13: tracing sampling is a percentage. */
export const requireValidSampling = defineResourcePolicy({
  name: "istio-telemetry-require-valid-sampling",
  description:
    "Tracing sampling must be a percentage within 0–100: Telemetry `randomSamplingPercentage` and any istiod " +
    "meshConfig sampling (property 13). Set a value between 0 and 100, e.g. 1 in prod.",
  enforcementLevel: "mandatory",
  severity: "low",
  kinds: ["Telemetry", "HelmRelease"],
  check: (resource) =>
    samplingSettings(resource)
      .filter(({ value }) => isSet(value) && !(typeof value === "number" && value >= 0 && value <= 100))
      .map(({ path, value }): Finding => ({
        path,
        found: value,
        expected: "a number from 0 to 100",
        fix: "Set the sampling percentage between 0 and 100.",
      })),
});
