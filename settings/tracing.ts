import { z } from "zod";
import { httpUrl, resolveAddonResources, resolveVolume, resources, retentionDuration, type VolumeSettings, volumeInput } from "./addons";
import type { ComputeResources, Environment } from "./environments";
import { describeValue } from "./errors";
import { boolean, computeResources, integer, oneOf } from "./validators";

const samplingError = "expected a percentage from 0 to 100";

export const tracingInput = z.strictObject({
  enabled: boolean.optional(),
  samplingPercentage: z.number({ error: samplingError }).min(0, { error: samplingError }).max(100, { error: samplingError }).optional(),
  storage: z
    .strictObject({
      type: oneOf(["memory", "badger", "elasticsearch"]).optional(),
      maxTraces: integer(1000, 10_000_000).optional(),
      volume: volumeInput.optional(),
      retention: retentionDuration.optional(),
      elasticsearchUrl: httpUrl.optional(),
    })
    .optional(),
  resources: computeResources.optional(),
});
export type TracingInput = z.infer<typeof tracingInput>;

export type TraceStorage =
  | { readonly type: "memory"; readonly maxTraces: number }
  | { readonly type: "badger"; readonly volume: VolumeSettings; readonly retention: string }
  | { readonly type: "elasticsearch"; readonly url: string };

export interface TracingSettings {
  /** Install Jaeger and the mesh-wide Telemetry that samples into it. @defaultValue true */
  readonly enabled: boolean;
  /** Share of requests traced, in percent (0–100). @defaultValue 100 (dev), 1 (staging, prod) */
  readonly samplingPercentage: number;
  /** Where Jaeger keeps spans. @defaultValue memory (dev, staging), badger on a 20Gi volume for 72h (prod) */
  readonly storage: TraceStorage;
  readonly resources: ComputeResources;
}

const defaults: Readonly<Record<Environment, { sampling: number; storage: TraceStorage["type"]; resources: ComputeResources }>> = {
  dev: { sampling: 100, storage: "memory", resources: resources("50m", "128Mi", "500m", "512Mi") },
  staging: { sampling: 1, storage: "memory", resources: resources("100m", "256Mi", "500m", "1Gi") },
  prod: { sampling: 1, storage: "badger", resources: resources("250m", "512Mi", "1000m", "2Gi") },
};

function resolveStorage(input: TracingInput["storage"], environment: Environment, problems: string[]): TraceStorage {
  const type = input?.type ?? defaults[environment].storage;
  if (environment === "prod" && type === "memory") {
    problems.push("tracing.storage.type: expected \"badger\" or \"elasticsearch\" in a prod stack (spans survive a restart), got \"memory\"");
  }
  const misplaced = (key: "maxTraces" | "volume" | "retention" | "elasticsearchUrl", allowedWith: TraceStorage["type"]) => {
    if (input?.[key] !== undefined && type !== allowedWith) {
      problems.push(`tracing.storage.${key}: expected nothing while tracing.storage.type is "${type}" (it applies to "${allowedWith}"), got ${describeValue(input[key])}`);
    }
  };
  misplaced("maxTraces", "memory");
  misplaced("volume", "badger");
  misplaced("retention", "badger");
  misplaced("elasticsearchUrl", "elasticsearch");
  switch (type) {
    case "memory":
      return { type, maxTraces: input?.maxTraces ?? 100_000 };
    case "badger":
      return { type, volume: resolveVolume(input?.volume, "20Gi"), retention: input?.retention ?? "72h" };
    case "elasticsearch":
      if (input?.elasticsearchUrl === undefined) {
        problems.push("tracing.storage.elasticsearchUrl: expected an http(s) URL of the Elasticsearch cluster while tracing.storage.type is \"elasticsearch\", got nothing");
      }
      return { type, url: input?.elasticsearchUrl ?? "" };
  }
}

export function resolveTracing(input: TracingInput | undefined, environment: Environment, problems: string[]): TracingSettings {
  return {
    enabled: input?.enabled ?? true,
    samplingPercentage: input?.samplingPercentage ?? defaults[environment].sampling,
    storage: resolveStorage(input?.storage, environment, problems),
    resources: resolveAddonResources("tracing.resources", input?.resources, defaults[environment].resources, problems),
  };
}
