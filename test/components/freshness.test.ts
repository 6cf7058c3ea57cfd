// NFD-S against Chen, Toueg and Aguilera's definitions, on constant delays:
// heartbeats every eta, freshness points tau_i = s_i + delta; detection time
// T_D <= eta + delta; mistake duration T_M, mistake recurrence T_MR and query
// accuracy P_A as in the paper (closed forms in the research notes §1.1).
import { describe, expect, test } from "vitest";
import { Freshness } from "../../src/strategies/detectors/freshness/points.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import { S } from "../support/plan.js";

const ETA = 10 * S;

interface Run {
  /** time suspected within [from, to) */
  suspectedUs: number;
  /** trust -> suspect transitions within [from, to) */
  mistakes: number;
}

/**
 * Heartbeats m_1..m_n at s_i = i eta, each delivered after delayUs unless
 * lost(i); the suspicion the detector shows over [from, to), read exactly
 * between arrivals (trust only changes at arrivals and freshness points).
 */
function run(deltaUs: number, delayUs: number, n: number, lost: (i: number) => boolean, fromUs: number, toUs: number): Run {
  const fd = new Freshness(1, deltaUs);
  fd.start(0, ETA); // connected at 0; m_1 is due at eta
  const arrivals: number[] = [];
  for (let i = 1; i <= n; i++) if (!lost(i)) arrivals.push(i * ETA + delayUs);
  let suspectedUs = 0;
  let mistakes = 0;
  let now = fromUs;
  const account = (untilUs: number) => {
    const start = Math.max(now, fd.suspectAtUs(0));
    if (untilUs > start) {
      suspectedUs += untilUs - start;
      if (fd.suspectAtUs(0) >= now) mistakes++; // the S-transition falls in this stretch
    }
    now = untilUs;
  };
  for (const a of arrivals) {
    const sentUs = a - delayUs;
    if (a >= fromUs && a < toUs) account(a);
    fd.heard(0, sentUs + ETA);
  }
  account(toUs);
  return { suspectedUs, mistakes };
}

describe("NFD-S on constant delays", () => {
  test("delay below delta, no loss: never suspected", () => {
    const r = run(2 * S, 100_000, 1000, () => false, ETA, 1000 * ETA);
    expect(r).toEqual({ suspectedUs: 0, mistakes: 0 });
  });

  test("delay above delta: suspected during [tau_i, s_i + D) every period, T_M = D - delta, T_MR = eta", () => {
    const delta = 1 * S;
    const delay = 1.5 * S;
    const periods = 100;
    const r = run(delta, delay, periods + 10, () => false, 2 * ETA, (2 + periods) * ETA);
    expect(r.mistakes).toBe(periods);
    expect(r.suspectedUs / r.mistakes).toBe(delay - delta);
    expect(1 - r.suspectedUs / (periods * ETA)).toBeCloseTo(1 - (delay - delta) / ETA, 12); // P_A
  });

  test("one lost heartbeat m_k: suspected during [tau_k, s_{k+1} + D), eta + D - delta", () => {
    const r = run(2 * S, 100_000, 50, (i) => i === 7, ETA, 50 * ETA);
    expect(r.mistakes).toBe(1);
    expect(r.suspectedUs).toBe(ETA + 100_000 - 2 * S);
  });

  test("a crash is detected at tau_{k+1} = s_k + eta + delta: T_D <= eta + delta, tight", () => {
    const delta = 3 * S;
    for (const phase of [1, ETA / 4, ETA / 2, ETA - 1]) {
      const k = 5;
      const crashUs = k * ETA + phase; // after sending m_k
      const fd = new Freshness(1, delta);
      fd.start(0, ETA);
      for (let i = 1; i <= k; i++) fd.heard(0, i * ETA + ETA); // arrivals at s_i + D, D < delta
      const detectedUs = fd.suspectAtUs(0);
      expect(detectedUs).toBe(k * ETA + ETA + delta);
      expect(detectedUs - crashUs).toBe(ETA + delta - phase);
      expect(detectedUs - crashUs).toBeLessThanOrEqual(ETA + delta);
      expect(fd.trusts(0, detectedUs - 1)).toBe(true);
      expect(fd.trusts(0, detectedUs)).toBe(false);
    }
  });

  test("a stale (reordered) message changes nothing", () => {
    const fd = new Freshness(1, S);
    fd.start(0, ETA);
    expect(fd.heard(0, 3 * ETA)).toBe(3 * ETA + S);
    expect(fd.heard(0, 2 * ETA)).toBe(3 * ETA + S);
  });

  test("Bernoulli loss p, D < delta < eta: P_A = 1 - [p(eta - delta + D) + p^2 (delta - D)] / eta, lambda_M = p(1-p)/eta", () => {
    const p = 0.1;
    const delta = 2 * S;
    const delay = 500_000;
    const n = 200_000;
    const rng = new ClientStreams(streamKey(7, 0, "test/freshness"), 1, false);
    const lost = (i: number) => rng.at(0, i) < p;
    const r = run(delta, delay, n + 2, lost, 2 * ETA, n * ETA);
    const periods = n - 2;
    const pa = 1 - (p * (ETA - delta + delay) + p * p * (delta - delay)) / ETA;
    const suspectedShare = r.suspectedUs / (periods * ETA);
    // per-period suspected share has sd below (eta - delta + D + delta - D)/eta = 1 times sqrt(p): loose 5 SE bounds
    expect(Math.abs(1 - suspectedShare - pa)).toBeLessThan((5 * Math.sqrt(p)) / Math.sqrt(periods));
    const rate = p * (1 - p);
    expect(Math.abs(r.mistakes / periods - rate)).toBeLessThan(5 * Math.sqrt(rate / periods));
  });
});
