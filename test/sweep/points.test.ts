// A sweep's points: values from lists and ranges, combined as a cartesian
// product (the first parameter slowest) with zip groups moving together.
import { describe, expect, it } from "vitest";
import { describePoint, expandPoints, paramValues } from "../../src/sweep/points.js";

const shown = (path: string, axis: Parameters<typeof paramValues>[1]) => paramValues(path, axis, "here").values.map((v) => v.shown);

describe("values", () => {
  it("a list of durations, in seconds in the table", () => {
    const p = paramValues("a", ["250ms", 30, "1m"], "here");
    expect(p.duration).toBe(true);
    expect(p.values.map((v) => [v.set, v.cell])).toEqual([["250000us", 0.25], ["30000000us", 30], ["60000000us", 60]]);
  });

  it("a list of plain values stays as given", () => {
    const p = paramValues("a", [1000, "lte", true], "here");
    expect(p.duration).toBe(false);
    expect(p.values.map((v) => v.set)).toEqual(["1000", "lte", "true"]);
  });

  it("a linear range includes both ends when the step lands on them", () => {
    expect(shown("a", { from: "10s", to: "60s", step: "10s" })).toEqual(["10s", "20s", "30s", "40s", "50s", "1m"]);
    expect(shown("a", { from: "10s", to: "55s", step: "10s" })).toEqual(["10s", "20s", "30s", "40s", "50s"]);
    // decimal steps without 0.30000000000000004
    expect(shown("a", { from: 0.1, to: 0.5, step: 0.1 })).toEqual(["0.1", "0.2", "0.3", "0.4", "0.5"]);
  });

  it("a geometric range", () => {
    expect(shown("a", { from: 1000, to: 1e6, factor: 10 })).toEqual(["1000", "10000", "100000", "1000000"]);
    expect(shown("a", { from: "1s", to: "10s", factor: 2 })).toEqual(["1s", "2s", "4s", "8s"]);
  });

  it.each([
    [{ from: "10s", to: "60s", step: "0s" }, "here: expected a step > 0, found 0ms"],
    [{ from: "60s", to: "10s", step: "10s" }, 'here: the range points the wrong way: "to" (10s) is before "from" (1m)'],
    [{ from: 1, to: 10, factor: 1 }, "here: expected a factor > 1, found 1"],
    [{ from: 0, to: 10, factor: 2 }, "here: expected a geometric range to start above 0, found 0"],
    [{ from: 1, to: 10 }, 'here: expected a range with either "step" (linear) or "factor" (geometric), not both, not neither'],
    [{ from: 1, to: 1e9, step: 1 }, "here: the range makes more than 100000 values"],
  ])("refuses %j", (axis, message) => {
    expect(() => paramValues("a", axis, "here")).toThrow(message);
  });
});

describe("points", () => {
  const a = paramValues("a", ["1s", "2s"], "here");
  const b = paramValues("b", [10, 20, 30], "here");
  const c = paramValues("c", ["x", "y", "z"], "here");

  it("cartesian, the first parameter slowest", () => {
    const points = expandPoints([a, b], [], "zip");
    expect(points.map((p) => describePoint([a, b], p))).toEqual(["a=1s, b=10", "a=1s, b=20", "a=1s, b=30", "a=2s, b=10", "a=2s, b=20", "a=2s, b=30"]);
    expect(points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("a zip group moves together, as one axis", () => {
    const points = expandPoints([a, b, c], [["b", "c"]], "zip");
    expect(points.map((p) => describePoint([a, b, c], p))).toEqual([
      "a=1s, b=10, c=x",
      "a=1s, b=20, c=y",
      "a=1s, b=30, c=z",
      "a=2s, b=10, c=x",
      "a=2s, b=20, c=y",
      "a=2s, b=30, c=z",
    ]);
  });

  it("refuses a zip group of unequal lengths, an unknown path, a path in two groups", () => {
    expect(() => expandPoints([a, b], [["a", "b"]], "zip")).toThrow("zip[0]: paths that move together need as many values each, found a: 2, b: 3");
    expect(() => expandPoints([a, b], [["a", "q"]], "zip")).toThrow('zip[0]: "q" is not a swept path (sweep.vary has: a, b)');
    expect(() => expandPoints([a, b, c], [["b", "c"], ["c", "a"]], "zip")).toThrow('zip[1]: "c" is already in another zip group');
  });
});
