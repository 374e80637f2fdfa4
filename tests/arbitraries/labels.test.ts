import fc from "fast-check";
import { alphanumericLabel, dashedLabel } from "./labels";
import { propertyRuns } from "./runs";

test("dashedLabel(n) draws only strings of ^[a-z][a-z0-9-]{0,n}[a-z0-9]$", () => {
  const drawn = fc.integer({ min: 0, max: 20 }).chain((maxInner) => dashedLabel(maxInner).map((label) => ({ maxInner, label })));
  fc.assert(
    fc.property(drawn, ({ maxInner, label }) => {
      expect(label).toMatch(new RegExp(`^[a-z][a-z0-9-]{0,${maxInner}}[a-z0-9]$`));
    }),
    propertyRuns,
  );
});

test("alphanumericLabel(min, max) draws only strings of ^[a-z][a-z0-9]{min,max}$", () => {
  const bounds = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 7 })).map(([minRest, extra]) => ({ minRest, maxRest: minRest + extra }));
  const drawn = bounds.chain((range) => alphanumericLabel(range.minRest, range.maxRest).map((label) => ({ ...range, label })));
  fc.assert(
    fc.property(drawn, ({ minRest, maxRest, label }) => {
      expect(label).toMatch(new RegExp(`^[a-z][a-z0-9]{${minRest},${maxRest}}$`));
    }),
    propertyRuns,
  );
});

test("the shapes that matter come up: the shortest labels, long ones, digits at the end, runs of dashes", () => {
  const labels = fc.sample(dashedLabel(14), { numRuns: 1000 });
  expect(labels.some((label) => label.length === 2)).toBe(true);
  expect(labels.some((label) => label.length >= 10)).toBe(true);
  expect(labels.some((label) => /[0-9]$/.test(label))).toBe(true);
  expect(labels.some((label) => label.includes("--"))).toBe(true);
});
