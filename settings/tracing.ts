import { z } from "zod";
import { httpUrl, resolveAddonResources, resolveVolume, resources, retentionDuration, type VolumeSettings, volumeInput } from "./addons";
import type { ComputeResources, Environment } from "./environments";
import { describeValue } from "./errors";
import { parseMemoryBytes } from "./quantity";
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
  externalUrl: httpUrl.optional(),
});
export type TracingInput = z.infer<typeof tracingInput>;

export type TraceStorage =
  /** Jaeger keeps the last `maxTraces` traces and drops the oldest; the default fills half the memory limit (traceMemoryBudget). */
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
  /** Where users open Jaeger's UI, for Kiali's trace links. @defaultValue http://localhost:16686 (port-forward) */
  readonly externalUrl: string;
}

/**
 * What one trace costs Jaeger's in-memory store, and how much of the memory limit the store may fill. 32 KiB holds
 * about 8 Envoy spans with Istio's tags (a request through the ingress gateway and two sidecar-to-sidecar hops);
 * the other half of the limit is for the OTLP receivers, the batch processor, the query API and the Go runtime.
 */
export const traceMemoryBudget = Object.freeze({ bytesPerTrace: 32 * 1024, shareOfLimit: 0.5 });

/** The most traces the in-memory store may keep within `limitMemory` (a quantity such as `512Mi`). */
export function maxTracesWithin(limitMemory: string): number {
  const bytes = parseMemoryBytes(limitMemory) ?? 0;
  return Math.max(1, Math.floor((bytes * traceMemoryBudget.shareOfLimit) / traceMemoryBudget.bytesPerTrace));
}

const defaults: Readonly<Record<Environment, { sampling: number; storage: TraceStorage["type"]; resources: ComputeResources }>> = {
  dev: { sampling: 100, storage: "memory", resources: resources("50m", "128Mi", "500m", "512Mi") },
  staging: { sampling: 1, storage: "memory", resources: resources("100m", "256Mi", "500m", "1Gi") },
  prod: { sampling: 1, storage: "badger", resources: resources("250m", "512Mi", "1000m", "2Gi") },
};

function resolveMaxTraces(configured: number | undefined, limitMemory: string, problems: string[]): number {
  const bound = maxTracesWithin(limitMemory);
  if (configured !== undefined && configured > bound) {
    problems.push(
      `tracing.storage.maxTraces: expected at most ${bound} (half of tracing.resources.limits.memory ${limitMemory} at ${traceMemoryBudget.bytesPerTrace / 1024} KiB per trace; raise the limit for more), got ${configured}`,
    );
  }
  return configured ?? bound;
}

function resolveStorage(input: TracingInput["storage"], environment: Environment, limitMemory: string, problems: string[]): TraceStorage {
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
      return { type, maxTraces: resolveMaxTraces(input?.maxTraces, limitMemory, problems) };
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
  const resources = resolveAddonResources("tracing.resources", input?.resources, defaults[environment].resources, problems);
  return {
    enabled: input?.enabled ?? true,
    samplingPercentage: input?.samplingPercentage ?? defaults[environment].sampling,
    storage: resolveStorage(input?.storage, environment, resources.limits.memory, problems),
    resources,
    externalUrl: input?.externalUrl ?? "http://localhost:16686",
  };
}
