/**
 * Durations as Istio's CRDs accept them: the CEL `duration()` syntax (Go's time.ParseDuration), e.g. `1.5s`,
 * `100ms`, `1h30m`. The CRDs require every duration to be at least 1ms.
 */

const unitMilliseconds: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const durationPattern = /^(?:\d+(?:\.\d+)?|\.\d+)(?:ns|us|µs|ms|s|m|h)(?:(?:\d+(?:\.\d+)?|\.\d+)(?:ns|us|µs|ms|s|m|h))*$/;
const componentPattern = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

const minimumDurationMs = 1;

/** Milliseconds of a duration string, or undefined when it isn't one. */
export function parseDurationMs(text: string): number | undefined {
  if (!durationPattern.test(text)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(componentPattern)) {
    total += Number(amount) * unitMilliseconds[unit];
  }
  return total;
}

/** Why a duration is unacceptable (not a duration, shorter than `minMs`, longer than `maxMs`), or undefined. */
export function durationProblem(value: unknown, minMs = minimumDurationMs, maxMs = Infinity): string | undefined {
  if (typeof value !== "string") {
    return "a duration string";
  }
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    return "a duration such as 500ms or 2s";
  }
  if (ms < minMs || ms > maxMs) {
    return maxMs === Infinity ? `a duration of at least ${minMs}ms` : `a duration between ${minMs}ms and ${maxMs / 1000}s`;
  }
  return undefined;
}
