// Phi accrual against its published form (Akka's PhiAccrualFailureDetector):
// phi = -log10(1 - F((silence - mean) / std)) with Akka's logistic
// approximation F(y) = 1 / (1 + exp(-y (1.5976 + 0.070566 y^2))), mean =
// window mean + acceptable pause, std = max(window std, minStdDev).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { elapsedForPhi, phiOf, PhiWindows } from "../../src/strategies/detectors/phi/accrual.js";
import { S } from "../support/plan.js";

const logisticCdf = (y: number) => 1 / (1 + Math.exp(-y * (1.5976 + 0.070566 * y * y)));
/** -log10(1 - F(y)) written as -log10(e / (1 + e)), free of 1 - F's cancellation for large y */
const phiRef = (y: number) => {
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return -Math.log10(e / (1 + e));
};

describe("phi of a silence", () => {
  test("is -log10(1 - F) with Akka's logistic F, on both sides of the mean", () => {
    for (const y of [-3, -1, -0.2, 0, 0.5, 1, 2, 4, 6]) {
      const silence = 30 * S + y * 100_000;
      expect(phiOf(silence, 30 * S, 100_000)).toBeCloseTo(phiRef(y), 9);
      if (y < 3) expect(phiRef(y)).toBeCloseTo(-Math.log10(1 - logisticCdf(y)), 9);
    }
    expect(phiOf(30 * S, 30 * S, 100_000)).toBeCloseTo(Math.log10(2), 12); // F(0) = 1/2
  });

  test("the F behind phiOf stays within 1.5e-4 of the normal CDF it approximates", () => {
    // phi = -log10(1 - F), so phiOf's F at y standard deviations from the mean is 1 - 10^-phi
    const mean = 30 * S;
    const std = 100_000;
    const F = (y: number) => 1 - 10 ** -phiOf(mean + y * std, mean, std);
    const normal: [number, number][] = [[0.5, 0.691462461], [1, 0.841344746], [2, 0.977249868], [3, 0.998650102]];
    for (const [y, phiNormal] of normal) {
      expect(Math.abs(F(y) - phiNormal)).toBeLessThan(1.5e-4);
      expect(Math.abs(1 - F(-y) - phiNormal)).toBeLessThan(1.5e-4);
    }
  });

  test("silence to reach a threshold: the research notes' Akka numbers (1 s heartbeats, 3 s pause)", () => {
    const at = (threshold: number, stdUs: number) => elapsedForPhi(threshold, 4 * S, stdUs) / S;
    expect(at(8, 100_000)).toBeCloseTo(4.52, 2);
    expect(at(8, 200_000)).toBeCloseTo(5.05, 2);
    expect(at(8, 500_000)).toBeCloseTo(6.61, 2);
    expect(at(1, 100_000)).toBeCloseTo(4.13, 2);
    expect(at(3, 100_000)).toBeCloseTo(4.31, 2);
  });

  test("the inverse is exact: phi(elapsedForPhi(p)) = p (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 3600 * S }),
        fc.integer({ min: 1_000, max: 100 * S }),
        (phi, meanUs, stdUs) => {
          const elapsed = elapsedForPhi(phi, meanUs, stdUs);
          expect(phiOf(elapsed, meanUs, stdUs)).toBeCloseTo(phi, 6);
        },
      ),
    );
  });
});

describe("per-client windows", () => {
  const eta = 30 * S;

  test("bootstrap: two samples eta -+ eta/4, so mean eta and std eta/4", () => {
    const w = new PhiWindows(1, 1000, 8, 100_000, 0);
    w.start(0, 5 * S, eta);
    expect(w.samplesOf(0)).toBe(2);
    expect(w.fittedMeanUs(0)).toBeCloseTo(eta, 6);
    expect(w.fittedStdUs(0)).toBeCloseTo(eta / 4, 6);
  });

  test("constant inter-arrivals: mean eta, population std (eta/4) sqrt(2 / (n + 2)) while the bootstrap is in", () => {
    const w = new PhiWindows(1, 1000, 8, 100_000, 3 * S);
    w.start(0, 0, eta);
    const n = 40;
    for (let k = 1; k <= n; k++) w.heartbeat(0, k * eta);
    expect(w.samplesOf(0)).toBe(n + 2);
    expect(w.fittedMeanUs(0)).toBeCloseTo(eta + 3 * S, 6);
    expect(w.fittedStdUs(0)).toBeCloseTo((eta / 4) * Math.sqrt(2 / (n + 2)), 6);
  });

  test("constant inter-arrivals once the bootstrap is evicted: std at its floor, deadline at eta + pause + y* minStdDev", () => {
    const capacity = 10;
    const w = new PhiWindows(1, capacity, 8, 100_000, 3 * S);
    w.start(0, 0, eta);
    for (let k = 1; k <= capacity; k++) w.heartbeat(0, k * eta);
    const last = capacity * eta;
    expect(w.samplesOf(0)).toBe(capacity);
    expect(w.fittedMeanUs(0)).toBeCloseTo(eta + 3 * S, 6);
    expect(w.fittedStdUs(0)).toBe(100_000);
    expect(w.phi(0, last + eta + 3 * S)).toBeCloseTo(Math.log10(2), 9);
    const at = w.suspectAtUs(0);
    expect(Number.isInteger(at)).toBe(true);
    expect(at - last).toBe(Math.ceil(elapsedForPhi(8, eta + 3 * S, 100_000)));
    expect((at - last) / S).toBeCloseTo(33.52, 2);
    expect(w.phi(0, at)).toBeGreaterThanOrEqual(8);
    expect(w.phi(0, at - 1)).toBeLessThan(8);
  });

  test("the window keeps the last `capacity` intervals: mean and population std match a direct computation (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 120 * S }), { minLength: 1, maxLength: 40 }),
        (capacity, gaps) => {
          // a pause far beyond any gap keeps phi near 0, so every interval is recorded
          const pauseUs = 1e12;
          const w = new PhiWindows(2, capacity, 8, 1, pauseUs);
          w.start(1, 0, 7 * S);
          let t = 0;
          for (const g of gaps) {
            t += g;
            w.heartbeat(1, t);
          }
          const all = [0.75 * 7 * S, 1.25 * 7 * S, ...gaps].slice(-capacity);
          const mean = all.reduce((a, b) => a + b, 0) / all.length;
          const std = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length);
          expect(w.samplesOf(1)).toBe(all.length);
          expect(w.fittedMeanUs(1) - pauseUs).toBeCloseTo(mean, 3);
          expect(Math.abs(w.fittedStdUs(1) - Math.max(std, 1))).toBeLessThan(1e-6 * (mean + 1));
        },
      ),
      // a 95 s gap leaving a window of [7 µs, 2 µs]: the replace step alone loses ~0.05 µs of std here
      { examples: [[2, [94906273, 7, 2]]] },
    );
  });

  test("no drift over 100,000 sliding updates", () => {
    const capacity = 16;
    const w = new PhiWindows(1, capacity, 8, 1, 1e12);
    w.start(0, 0, eta);
    const recent: number[] = [];
    let t = 0;
    let x = 12345;
    for (let k = 0; k < 100_000; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const gap = eta + (x % 2_000_000) - 1_000_000; // 30 s +- 1 s
      t += gap;
      w.heartbeat(0, t);
      recent.push(gap);
      if (recent.length > capacity) recent.shift();
    }
    const mean = recent.reduce((a, b) => a + b, 0) / capacity;
    const std = Math.sqrt(recent.reduce((a, b) => a + (b - mean) ** 2, 0) / capacity);
    expect(w.fittedMeanUs(0) - 1e12).toBeCloseTo(mean, 2);
    expect(w.fittedStdUs(0)).toBeCloseTo(std, 2);
  });

  test("a heartbeat that comes after suspicion is not recorded (Akka), but restarts the silence", () => {
    const w = new PhiWindows(1, 100, 8, 100_000, 0);
    w.start(0, 0, eta);
    w.heartbeat(0, eta);
    const late = w.suspectAtUs(0) + 60 * S;
    w.heartbeat(0, late);
    expect(w.samplesOf(0)).toBe(3);
    expect(w.phi(0, late)).toBeCloseTo(phiOf(0, w.fittedMeanUs(0), w.fittedStdUs(0)), 12);
  });
});
