import { z } from "zod";
import type { ComputeResources } from "./environments";
import { describeValue } from "./errors";
import { parseCpuMillicores, parseMemoryBytes } from "./quantity";
import { type ComputeResourcesInput, dnsLabel, memoryQuantity, nonEmptyString } from "./validators";

/** Building blocks shared by the add-on settings (cert-manager, monitoring, tracing, Kiali). */

/** A Prometheus/Go style duration such as `15d`, `72h` or `30m`. */
export const retentionDuration = z
  .string({ error: "expected a duration such as \"15d\", \"72h\" or \"30m\"" })
  .regex(/^[1-9][0-9]*(ms|s|m|h|d|w|y)$/, { error: "expected a duration such as \"15d\", \"72h\" or \"30m\"" });

/** The name of a Kubernetes Secret the operators create; the stack file never holds the secret itself. */
export const secretName = dnsLabel;

export const httpUrl = z
  .string({ error: "expected an http(s) URL" })
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: "expected an http(s) URL" });

export const httpsUrl = z
  .string({ error: "expected an https URL" })
  .regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { error: "expected an https URL" });

export const emailAddress = z
  .string({ error: "expected an email address" })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: "expected an email address" });

/** A PersistentVolumeClaim the add-on keeps its data on. */
export const volumeInput = z.strictObject({
  size: memoryQuantity.optional(),
  storageClassName: nonEmptyString.optional(),
});
export type VolumeInput = z.infer<typeof volumeInput>;

export interface VolumeSettings {
  /** Requested capacity, e.g. `100Gi`. */
  readonly size: string;
  /** StorageClass of the claim; undefined uses the cluster's default class. */
  readonly storageClassName?: string;
}

export function resolveVolume(input: VolumeInput | undefined, defaultSize: string): VolumeSettings {
  return { size: input?.size ?? defaultSize, storageClassName: input?.storageClassName };
}

/**
 * An add-on's requests and limits: the configured ones over the environment's, each request at most its limit.
 * (istiod and gateways have tighter bounds, property 2 of policy-pack/README.md; see settings/istio.ts.)
 */
export function resolveAddonResources(
  key: string,
  input: ComputeResourcesInput | undefined,
  fallback: ComputeResources,
  problems: string[],
): ComputeResources {
  const requests = { ...fallback.requests, ...input?.requests };
  const limits = { ...fallback.limits, ...input?.limits };
  const pairs = [
    ["cpu", parseCpuMillicores(requests.cpu), parseCpuMillicores(limits.cpu)],
    ["memory", parseMemoryBytes(requests.memory), parseMemoryBytes(limits.memory)],
  ] as const;
  for (const [resource, request, limit] of pairs) {
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.push(`${key}.requests.${resource}: expected at most ${key}.limits.${resource} (${describeValue(limits[resource])}), got ${describeValue(requests[resource])}`);
    }
  }
  return { requests, limits };
}

/** Shorthand for the per-environment resource defaults of the add-ons. */
export function resources(requestCpu: string, requestMemory: string, limitCpu: string, limitMemory: string): ComputeResources {
  return { requests: { cpu: requestCpu, memory: requestMemory }, limits: { cpu: limitCpu, memory: limitMemory } };
}
