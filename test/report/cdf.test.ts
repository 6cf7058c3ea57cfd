// The summarised CDF against its definition: every point is a true point of
// the empirical distribution (its share is exactly the fraction of values at
// or below it), the extremes are kept, and the count stays within the budget.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cdfPoints, percentile } from "../../src/report/cdf.js";

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe("cdfPoints", () => {
  it("passes through true points of the distribution, min and max included, within the budget", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 2, max: 60 }), (xs, budget) => {
        const s = sorted(xs);
        const pts = cdfPoints(s, budget);
        expect(pts.length).toBeLessThanOrEqual(budget);
        expect(pts[0].x).toBe(s[0]);
        expect(pts.at(-1)).toEqual({ x: s[s.length - 1], p: 1 });
        for (const pt of pts) expect(pt.p).toBe(xs.filter((x) => x <= pt.x).length / xs.length);
        for (let k = 1; k < pts.length; k++) {
          expect(pts[k].x).toBeGreaterThan(pts[k - 1].x);
          expect(pts[k].p).toBeGreaterThan(pts[k - 1].p);
        }
      }),
    );
  });

  it("keeps every distinct value when the budget allows, and spreads a tight budget evenly", () => {
    expect(cdfPoints(sorted([3, 1, 2]), 10)).toEqual([
      { x: 1, p: 1 / 3 },
      { x: 2, p: 2 / 3 },
      { x: 3, p: 1 },
    ]);
    // 1..1000 in 11 points: every 100th value
    const pts = cdfPoints(sorted(Array.from({ length: 1000 }, (_, k) => k + 1)), 11);
    expect(pts.map((p) => p.x)).toEqual([1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(cdfPoints(new Float64Array(0), 10)).toEqual([]);
  });

  it("percentiles are nearest-rank, as summary.csv's: the ceil(p n / 100)-th smallest", () => {
    const s = sorted(Array.from({ length: 200 }, (_, k) => 200 - k));
    expect(percentile(s, 50)).toBe(100);
    expect(percentile(s, 99)).toBe(198);
    expect(percentile(new Float64Array(0), 50)).toBeNull();
  });
});
