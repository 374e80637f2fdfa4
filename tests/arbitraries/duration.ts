import fc from "fast-check";

/** A duration string between `minMs` and `maxMs`, written in ms or whole seconds. */
export function durationWithin(minMs: number, maxMs: number): fc.Arbitrary<string> {
  const inMilliseconds = fc.integer({ min: minMs, max: maxMs }).map((ms) => `${ms}ms`);
  if (maxMs < 1000) return inMilliseconds;
  const inSeconds = fc.integer({ min: Math.ceil(minMs / 1000), max: Math.floor(maxMs / 1000) }).map((s) => `${s}s`);
  return fc.oneof(inMilliseconds, inSeconds);
}

/** Strings that are not durations at all, or durations below 1ms. */
export function invalidDuration(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 0, max: 999 }).map((us) => `${us}us`),
    fc.constantFrom("0s", "0ms", "10", "ten seconds", "-5s", "1 s", "", "5d"),
  );
}
