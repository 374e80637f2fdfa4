import fc from "fast-check";
import { durationProblem, parseDurationMs } from "../../../policy-pack/lib/duration";
import { propertyRuns } from "../../arbitraries/runs";

describe("durations", () => {
  it.each([
    ["1ms", 1],
    ["1.5s", 1500],
    [".5s", 500],
    ["1h30m", 5_400_000],
    ["2m3s", 123_000],
    ["1500us", 1.5],
    ["1500µs", 1.5],
    ["2000000ns", 2],
  ])("reads %s as %d ms", (text, ms) => expect(parseDurationMs(text)).toBeCloseTo(ms, 9));

  it.each(["", "5", "s", "-1s", "1 s", "1d", "1.s", "1s2", "PT1S"])("rejects %p", (text) => expect(parseDurationMs(text)).toBeUndefined());

  it("explains what is wrong", () => {
    expect(durationProblem(5)).toBe("a duration string");
    expect(durationProblem("soon")).toBe("a duration such as 500ms or 2s");
    expect(durationProblem("999us")).toBe("a duration of at least 1ms");
    expect(durationProblem("1ms")).toBeUndefined();
    expect(durationProblem("301s", 1, 300_000)).toBe("a duration between 1ms and 300s");
    expect(durationProblem("300s", 1, 300_000)).toBeUndefined();
  });

  it("reads any sum of hours, minutes, seconds and milliseconds", () => {
    fc.assert(
      fc.property(fc.nat(99), fc.nat(59), fc.nat(59), fc.nat(999), (h, m, s, ms) => {
        expect(parseDurationMs(`${h}h${m}m${s}s${ms}ms`)).toBe(((h * 60 + m) * 60 + s) * 1000 + ms);
      }),
      propertyRuns,
    );
  });
});
