import { z } from "zod";

/**
 * Durations as stack config writes them and Istio accepts them: one or more `<number><unit>` parts with the
 * units h, m, s and ms (`30s`, `1.5s`, `250ms`, `1m30s`). Istio's CRDs require at least 1ms.
 */
const durationSyntax = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s))+$/;
const durationPart = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds of a config duration, or undefined when the text is not one. */
export function durationMs(text: string): number | undefined {
  if (!durationSyntax.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(durationPart)) total += Number(amount) * unitMs[unit];
  return total;
}

/** A duration from 1ms to `maxSeconds` (unbounded when omitted), with a message saying so. */
export function duration(maxSeconds?: number) {
  const expected =
    maxSeconds === undefined
      ? "expected a duration of at least 1ms such as \"500ms\", \"30s\" or \"1m\""
      : `expected a duration from 1ms to ${maxSeconds}s such as "500ms" or "30s"`;
  return z.string({ error: expected }).refine(
    (text) => {
      const ms = durationMs(text);
      return ms !== undefined && ms >= 1 && (maxSeconds === undefined || ms <= maxSeconds * 1000);
    },
    { error: expected },
  );
}
