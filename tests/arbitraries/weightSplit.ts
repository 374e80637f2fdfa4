import fc from "fast-check";

/** Integer weights for 2–5 destinations that sum to exactly 100 (built from cut points, never filtered). */
export function weightSplit(): fc.Arbitrary<number[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 })
    .map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 100];
      return points.slice(1).map((point, i) => point - points[i]);
    });
}
