import fc from "fast-check";

/** A CPU quantity within [minMillicores, maxMillicores], written as `750m` or whole cores. */
export function cpuWithin(minMillicores: number, maxMillicores: number): fc.Arbitrary<string> {
  return fc.integer({ min: minMillicores, max: maxMillicores }).map((m) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`));
}
