import fc from "fast-check";

const mebibytes = (bytes: number) => bytes / 1024 ** 2;

/** A memory quantity within [minBytes, maxBytes], written in Mi. */
export function memoryWithin(minBytes: number, maxBytes: number): fc.Arbitrary<string> {
  return fc.integer({ min: Math.ceil(mebibytes(minBytes)), max: Math.floor(mebibytes(maxBytes)) }).map((mi) => `${mi}Mi`);
}
