// The adaptive interval controller against its rules: after k * successes
// healthy periods from min the interval is min + k * step (up to max); a
// failure settles at (last good - settleBack); and in a loop where intervals
// above a NAT timeout T fail, it converges below T after one broken connection.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AdaptiveIntervals } from "../../src/model/components/adaptive.js";
import type { AdaptivePlan } from "../../src/scenario/plan.js";
import { S } from "../support/plan.js";

/** WeChat's smart heartbeat (Tencent Mars stn/config.h) */
const WECHAT: AdaptivePlan = { minUs: 270 * S, maxUs: 890 * S, stepUs: 60 * S, successes: 3, settleBackUs: 20 * S, failures: 3 };

/** runs `periods` periods; a period at an interval > natUs breaks the connection */
function probe(plan: AdaptivePlan, natUs: number, periods: number) {
  const a = new AdaptiveIntervals(1, plan);
  const intervals: number[] = [];
  let failures = 0;
  for (let n = 0; n < periods; n++) {
    const current = a.intervalUs(0);
    intervals.push(current);
    if (current > natUs) {
      failures++;
      a.failure(0);
    } else a.success(0);
  }
  return { a, intervals, failures };
}

describe("adaptive interval", () => {
  test("starting at min, after k * successes healthy periods the interval is min + k * step, until max", () => {
    const a = new AdaptiveIntervals(2, WECHAT);
    expect(a.intervalUs(0)).toBe(WECHAT.minUs);
    for (let k = 1; k <= 12; k++) {
      for (let n = 0; n < WECHAT.successes; n++) a.success(0);
      expect(a.intervalUs(0)).toBe(Math.min(WECHAT.minUs + k * WECHAT.stepUs, WECHAT.maxUs));
    }
    expect(a.intervalUs(0)).toBe(WECHAT.maxUs); // 270 + 10 * 60 = 870, then capped at 890
    expect(a.intervalUs(1)).toBe(WECHAT.minUs); // clients are independent
  });

  test("after a failure at I it settles at (last good - settleBack) and stays", () => {
    const a = new AdaptiveIntervals(1, WECHAT);
    for (let n = 0; n < 6; n++) a.success(0); // 270 -> 330 -> 390
    expect(a.intervalUs(0)).toBe(390 * S);
    expect(a.failure(0)).toBe(310 * S); // failed at 390 before any success there: last good 330, minus 20
    expect(a.isSettled(0)).toBe(true);
    for (let n = 0; n < 50; n++) expect(a.success(0)).toBe(310 * S);
  });

  test("settled: `failures` consecutive failures restart probing at min; a success in between resets the count", () => {
    const a = new AdaptiveIntervals(1, WECHAT);
    for (let n = 0; n < 4; n++) a.success(0); // 330 with one success
    a.failure(0); // settles at 330 - 20
    expect(a.intervalUs(0)).toBe(310 * S);
    a.failure(0);
    a.failure(0);
    a.success(0);
    a.failure(0);
    a.failure(0);
    expect(a.intervalUs(0)).toBe(310 * S);
    a.failure(0);
    expect(a.intervalUs(0)).toBe(WECHAT.minUs);
    expect(a.isSettled(0)).toBe(false);
  });

  test("a failure before anything worked stays at min; settling never goes below min", () => {
    const a = new AdaptiveIntervals(1, WECHAT);
    expect(a.failure(0)).toBe(WECHAT.minUs);
    expect(a.isSettled(0)).toBe(false);
    a.success(0); // min worked once
    expect(a.failure(0)).toBe(WECHAT.minUs); // 270 - 20 is below min
    expect(a.isSettled(0)).toBe(true);
  });

  test("converges below a NAT timeout: WeChat's parameters against a 400 s NAT settle at 390 - 20 = 370 s", () => {
    const { intervals, failures } = probe(WECHAT, 400 * S, 200);
    expect(failures).toBe(1);
    expect(intervals.slice(0, 10).map((us) => us / S)).toEqual([270, 270, 270, 330, 330, 330, 390, 390, 390, 450]);
    expect(intervals.slice(10).every((us) => us === 370 * S)).toBe(true);
  });

  test("converges below any NAT timeout T >= min, with one broken connection at most (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 600 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 1200 }),
        (minS, spanSteps, stepS, successes, settleS, natExtraS) => {
          const plan: AdaptivePlan = {
            minUs: minS * S,
            maxUs: (minS + spanSteps * stepS) * S,
            stepUs: stepS * S,
            successes,
            settleBackUs: settleS * S,
            failures: 3,
          };
          const natUs = (minS + natExtraS) * S;
          const { a, failures } = probe(plan, natUs, successes * (spanSteps + 2) + 10);
          expect(failures).toBeLessThanOrEqual(1);
          expect(a.intervalUs(0)).toBeLessThanOrEqual(natUs);
          expect(a.intervalUs(0)).toBeGreaterThanOrEqual(plan.minUs);
          // the longest interval min + k step that is <= T, less settleBack (at least min), or max if it never failed
          const k = Math.min(Math.floor((natUs - plan.minUs) / plan.stepUs), spanSteps);
          const bestUs = plan.minUs + k * plan.stepUs;
          const expected = failures === 0 ? plan.maxUs : Math.max(plan.minUs, bestUs - plan.settleBackUs);
          expect(a.intervalUs(0)).toBe(expected);
        },
      ),
    );
  });
});
