import { defineResourcePolicy } from "../../lib/definePolicy";
import { configPatches, protobufDurationProblem, tokenBuckets } from "../../lib/envoyFilter";
import { Finding } from "../../lib/messages";
import { isSet, Json } from "../../lib/values";

function positiveCount(value: unknown): boolean {
  const count = typeof value === "string" ? Number(value) : value;
  return typeof count === "number" && Number.isInteger(count) && count > 0;
}

function checkBucket(bucket: Json, path: string): Finding[] {
  const findings: Finding[] = [];
  if (!positiveCount(bucket.max_tokens ?? bucket.maxTokens)) {
    findings.push({ path: `${path}.max_tokens`, found: bucket.max_tokens ?? bucket.maxTokens, expected: "an integer greater than 0", fix: "Set max_tokens to the burst size, at least 1." });
  }
  const tokensPerFill = bucket.tokens_per_fill ?? bucket.tokensPerFill;
  if (isSet(tokensPerFill) && !positiveCount(tokensPerFill)) {
    findings.push({ path: `${path}.tokens_per_fill`, found: tokensPerFill, expected: "an integer greater than 0", fix: "Set tokens_per_fill to 1 or more." });
  }
  const fillInterval = bucket.fill_interval ?? bucket.fillInterval;
  const problem = protobufDurationProblem(fillInterval);
  if (problem) {
    findings.push({ path: `${path}.fill_interval`, found: fillInterval, expected: problem, fix: "Set fill_interval to a duration such as 1s." });
  }
  return findings;
}

/** Property 11: local rate limits whose token bucket can actually refill. */
export const requireValidLocalRateLimit = defineResourcePolicy({
  name: "istio-envoyfilter-require-valid-local-rate-limit",
  description:
    "A local rate limit in an EnvoyFilter must have a token bucket with `max_tokens` > 0, `tokens_per_fill` > 0 " +
    "and a `fill_interval` of at least 1ms (property 11). Correct the token bucket.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["EnvoyFilter"],
  check: (envoyFilter) =>
    configPatches(envoyFilter.spec)
      .flatMap(({ path, value }) => tokenBuckets(value.patch, `${path}.patch`))
      .flatMap(({ path, value }) => checkBucket(value, path)),
});
