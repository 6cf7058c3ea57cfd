// The kernel's clock for TCP's timers (src/net/ticks.ts) against the
// kernel's own rules, worked by hand: usecs_to_jiffies rounds up; the timer
// wheel (kernel/time/timer.c, calc_wheel_index and calc_index) files a
// timer T jiffies ahead in level L = the number of thresholds 63, 504,
// 4032, ... that T reaches, and runs it at the first multiple of 8^L
// jiffies strictly after its expiry.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Ticks } from "../../src/net/ticks.js";

const MS = 1000;

describe("timeouts in whole jiffies", () => {
  it("rounds up to the jiffy: 200.03 ms is 51 jiffies (204 ms) at HZ 250, 201 ms at HZ 1000, 210 ms at HZ 100", () => {
    expect(new Ticks(250).roundUp(200_030)).toBe(204 * MS);
    expect(new Ticks(1000).roundUp(200_030)).toBe(201 * MS);
    expect(new Ticks(100).roundUp(200_030)).toBe(210 * MS);
    expect(new Ticks(250).roundUp(200 * MS)).toBe(200 * MS);
    expect(new Ticks(0).roundUp(200_030)).toBe(200_030);
  });
});

describe("the timer wheel (HZ 250: a jiffy is 4 ms)", () => {
  const t = new Ticks(250);

  it("level 0 (under 63 jiffies): the tick after the expiry", () => {
    // 204 ms = 51 jiffies armed in jiffy 0 (at 0 or 3.9 ms): expires 51, runs at 52 = 208 ms
    expect(t.firesAt(0, 204 * MS)).toBe(208 * MS);
    expect(t.firesAt(3_900, 204 * MS)).toBe(208 * MS);
    // armed in jiffy 1: expires 52, runs at 53
    expect(t.firesAt(4 * MS, 204 * MS)).toBe(212 * MS);
    // 62 jiffies is still level 0: 0 + 62 -> 63
    expect(t.firesAt(0, 248 * MS)).toBe(252 * MS);
  });

  it("level 1 (63 to 503 jiffies): the next multiple of 8 jiffies (32 ms)", () => {
    // 63 jiffies: expires 63, next multiple of 8 above it is 64
    expect(t.firesAt(0, 252 * MS)).toBe(256 * MS);
    // 408 ms = 102 jiffies: from 0, expires 102 -> 104 (416 ms); from jiffy 7, expires 109 -> 112 (448 ms)
    expect(t.firesAt(0, 408 * MS)).toBe(416 * MS);
    expect(t.firesAt(28 * MS, 408 * MS)).toBe(448 * MS);
    // 816 ms = 204 jiffies from 0: expires 204 -> 208 = 832 ms, the gap a real capture showed after 4 RTOs
    expect(t.firesAt(0, 816 * MS)).toBe(832 * MS);
    // 1 s = 250 jiffies (a SYN's first RTO): expires 250 -> 256 = 1.024 s
    expect(t.firesAt(0, 1_000 * MS)).toBe(1_024 * MS);
  });

  it("levels 2 and 3: multiples of 64 jiffies (256 ms) and of 512 (2.048 s)", () => {
    // 2 s = 500 jiffies is level 1 (< 504): from jiffy 256, expires 756 -> 760
    expect(t.firesAt(1_024 * MS, 2_000 * MS)).toBe(3_040 * MS);
    // 4 s = 1000 jiffies, level 2: from jiffy 760, expires 1760 -> 1792 = 7.168 s
    expect(t.firesAt(3_040 * MS, 4_000 * MS)).toBe(7_168 * MS);
    // 120 s = 30000 jiffies, level 3: expires 30000 -> 30208 = 120.832 s
    expect(t.firesAt(0, 120_000 * MS)).toBe(120_832 * MS);
  });

  it("at HZ 1000 the levels are in 1 ms jiffies: 201 ms from 0 runs at 208 ms (level 1, 8 ms)", () => {
    expect(new Ticks(1000).firesAt(0, 201 * MS)).toBe(208 * MS);
    expect(new Ticks(1000).firesAt(0, 62 * MS)).toBe(63 * MS);
  });

  it("no tick: exactly the timeout", () => {
    expect(new Ticks(0).firesAt(12_345, 200 * MS)).toBe(212_345);
  });

  it("never runs early, and late by at most one jiffy more than an eighth of the timeout (63 jiffies and up)", () => {
    fc.assert(
      fc.property(fc.constantFrom(100 as const, 250 as const, 1000 as const), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 200e6 }), (hz, now, timeout) => {
        const ticks = new Ticks(hz);
        const j = 1e6 / hz;
        const at = ticks.firesAt(now, timeout);
        const nominal = Math.floor(now / j) * j + ticks.roundUp(timeout);
        expect(at).toBeGreaterThanOrEqual(now + timeout);
        expect(at % j).toBe(0);
        const late = at - nominal;
        expect(late).toBeGreaterThan(0);
        const jiffies = ticks.roundUp(timeout) / j;
        if (jiffies < 63) expect(late).toBe(j);
        else expect(late).toBeLessThanOrEqual((jiffies * j) / 7.875 + j);
      }),
    );
  });
});
