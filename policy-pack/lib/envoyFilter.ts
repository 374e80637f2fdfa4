/** Walks an EnvoyFilter: its config patches and any token buckets inside their values. */
import { durationProblem } from "./duration";
import { asArray, asRecord, isRecord, Json } from "./values";
import { Located } from "./virtualService";

export function configPatches(spec: Json): Located<Json>[] {
  return asArray(spec.configPatches).map((patch, i) => ({ path: `spec.configPatches[${i}]`, value: asRecord(patch) }));
}

/** Every `token_bucket` (or `tokenBucket`) object anywhere below a value, with its path. */
export function tokenBuckets(value: unknown, path: string): Located<Json>[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => tokenBuckets(item, `${path}[${i}]`));
  }
  if (!isRecord(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    (key === "token_bucket" || key === "tokenBucket") && isRecord(child)
      ? [{ path: `${path}.${key}`, value: child }]
      : tokenBuckets(child, `${path}.${key}`),
  );
}

/** A protobuf Duration as JSON (`"1s"`) or as `{seconds, nanos}`; returns why it is invalid, if it is. */
export function protobufDurationProblem(value: unknown): string | undefined {
  if (isRecord(value)) {
    const ms = Number(value.seconds ?? 0) * 1000 + Number(value.nanos ?? 0) / 1e6;
    return Number.isFinite(ms) && ms >= 1 ? undefined : "a duration of at least 1ms";
  }
  return durationProblem(value);
}
