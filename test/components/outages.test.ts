// Outages against the alternating renewal process they implement: long-run
// down fraction meanDown / (meanUp + meanDown), exponential period lengths
// with the given means, and the same periods whatever the query pattern.
import { describe, expect, test } from "vitest";
import { Outages } from "../../src/net/outages.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import type { OutagesPlan } from "../../src/scenario/plan.js";
import { S } from "../support/plan.js";

const PLAN: OutagesPlan = { meanUpUs: 600 * S, meanDownUs: 30 * S };

function outages(clients: number, seed = 1, plan = PLAN): Outages {
  return new Outages(plan, new ClientStreams(streamKey(seed, 0, "outages"), clients, true), clients);
}

/** client i's periods over [0, horizon), by walking from flip to flip */
function periods(o: Outages, i: number, horizonUs: number): { down: boolean; lengthUs: number; startUs: number }[] {
  const out = [];
  for (let t = 0; t < horizonUs; ) {
    const end = o.periodEndUs(i, t);
    out.push({ down: o.isDown(i, t), lengthUs: end - o.periodStartUs(i, t), startUs: o.periodStartUs(i, t) });
    t = end;
  }
  return out;
}

describe("outages", () => {
  test("mean up and down periods match the plan (exponential: SE = mean / sqrt(n))", () => {
    const o = outages(200);
    const up: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < 200; i++) {
      // the first period is the stationary start: a fresh draw too, so it counts
      for (const p of periods(o, i, 48 * 3600 * S)) (p.down ? down : up).push(p.lengthUs);
    }
    const check = (xs: number[], meanUs: number) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(Math.abs(mean - meanUs)).toBeLessThan((4 * meanUs) / Math.sqrt(xs.length));
    };
    expect(up.length).toBeGreaterThan(10_000);
    check(up, PLAN.meanUpUs);
    check(down, PLAN.meanDownUs);
  });

  test("long-run down fraction is meanDown / (meanUp + meanDown), at every instant too", () => {
    const clients = 2000;
    const horizonUs = 24 * 3600 * S;
    const o = outages(clients, 3);
    const fractions: number[] = [];
    let downAtNoon = 0;
    for (let i = 0; i < clients; i++) {
      let downUs = 0;
      for (const p of periods(o, i, horizonUs)) {
        if (p.down) downUs += Math.min(p.startUs + p.lengthUs, horizonUs) - p.startUs;
      }
      fractions.push(downUs / horizonUs);
    }
    const o2 = outages(clients, 3);
    for (let i = 0; i < clients; i++) if (o2.isDown(i, 12 * 3600 * S)) downAtNoon++;
    const pi = PLAN.meanDownUs / (PLAN.meanUpUs + PLAN.meanDownUs); // 1/21
    const mean = fractions.reduce((a, b) => a + b, 0) / clients;
    const sd = Math.sqrt(fractions.reduce((a, b) => a + (b - mean) ** 2, 0) / (clients - 1));
    expect(Math.abs(mean - pi)).toBeLessThan((4 * sd) / Math.sqrt(clients));
    expect(Math.abs(downAtNoon / clients - pi)).toBeLessThan(4 * Math.sqrt((pi * (1 - pi)) / clients));
    // stationary from the start: the share down at time 0 is pi as well
    const o3 = outages(clients, 4);
    let downAtZero = 0;
    for (let i = 0; i < clients; i++) if (o3.isDown(i, 0)) downAtZero++;
    expect(Math.abs(downAtZero / clients - pi)).toBeLessThan(4 * Math.sqrt((pi * (1 - pi)) / clients));
  });

  test("deterministic, and independent of how often it is asked", () => {
    const horizonUs = 6 * 3600 * S;
    const coarse = outages(5, 9);
    const fine = outages(5, 9);
    for (let i = 0; i < 5; i++) {
      const flips = periods(coarse, i, horizonUs);
      expect(periods(outages(5, 9), i, horizonUs)).toEqual(flips);
      // many queries in between see the same periods
      let k = 0;
      for (let t = 0; t < horizonUs; t += 7 * S) {
        while (flips[k].startUs + flips[k].lengthUs <= t) k++;
        expect(fine.isDown(i, t)).toBe(flips[k].down);
      }
    }
    expect(periods(outages(5, 9), 0, horizonUs)).not.toEqual(periods(outages(5, 9), 1, horizonUs));
    expect(periods(outages(5, 10), 0, horizonUs)).not.toEqual(periods(outages(5, 9), 0, horizonUs));
  });

  test("time only moves forward per client", () => {
    const o = outages(2);
    const end = o.periodEndUs(0, 0);
    o.isDown(0, end + 1);
    expect(() => o.isDown(0, end - 1)).toThrow(RangeError);
    // other clients are untouched: client 1 still has the periods of a model never asked anything
    const horizonUs = 6 * 3600 * S;
    expect(periods(o, 1, horizonUs)).toEqual(periods(outages(2), 1, horizonUs));
  });
});
