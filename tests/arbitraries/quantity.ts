import fc from "fast-check";

const mebibytes = (bytes: number) => bytes / 1024 ** 2;

/** A CPU quantity within [minMillicores, maxMillicores], written as `750m` or whole cores. */
export function cpuWithin(minMillicores: number, maxMillicores: number): fc.Arbitrary<string> {
  return fc.integer({ min: minMillicores, max: maxMillicores }).map((m) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`));
}

/** A memory quantity within [minBytes, maxBytes], written in Mi. */
export function memoryWithin(minBytes: number, maxBytes: number): fc.Arbitrary<string> {
  return fc.integer({ min: Math.ceil(mebibytes(minBytes)), max: Math.floor(mebibytes(maxBytes)) }).map((mi) => `${mi}Mi`);
}
