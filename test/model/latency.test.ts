// Detection latency on loss-free links, derived by hand.
//
// Constant one-way delay d, interval η, timeout M, crash instant c uniform
// over a window much longer than η.
// Client-initiated: HBs leave at s_k; the last one before the crash (c - s_last
// in (0, η]) is heard at s_last + d and the server releases at s_last + d + M,
// so latency = M + d - (c - s_last) lies in [M + d - η, M + d), mean M + d - η/2.
// Server-initiated: the last PING that reaches the client alive arrives at r
// (c - r in (0, η]); its PONG is heard at r + d; release at r + d + M: the
// same range and mean. A global tick changes only the phase: same again.
import { describe, expect, it } from "vitest";
import type { StrategyPlan } from "../../src/scenario/plan.js";
import { crashLatenciesUs } from "../support/crashes.js";
import { S, strategy } from "../support/plan.js";

const d = 20_000; // 20 ms
const eta = 30 * S;
const M = 75 * S;

function latenciesS(s: StrategyPlan): { lat: number[]; summary: Record<string, unknown> } {
  const { lat, summary } = crashLatenciesUs(s, d);
  return { lat: lat.map((us) => us / S), summary };
}

const cases: [string, StrategyPlan][] = [
  ["client-initiated", strategy({ name: "c", initiator: "client", intervalUs: eta, timeoutUs: M })],
  ["server-initiated per-client", strategy({ name: "s", initiator: "server", intervalUs: eta, timeoutUs: M })],
  ["server-initiated global", strategy({ name: "g", initiator: "server", intervalUs: eta, timeoutUs: M, schedule: "global" })],
];

describe.each(cases)("%s on loss-free links", (_label, s) => {
  const { lat, summary } = latenciesS(s);
  const lo = (M + d - eta) / S;
  const hi = (M + d) / S;

  it("detects every crash, misses none, releases no live client", () => {
    expect(summary.crashes).toBeGreaterThan(900);
    expect(summary.detected).toBe(summary.crashes);
    expect(summary.missed).toBe(0);
    expect(summary.false_positives).toBe(0);
    expect(lat.length).toBe(summary.crashes);
  });

  it("keeps every latency in [M + d - η, M + d)", () => {
    for (const x of lat) {
      expect(x).toBeGreaterThanOrEqual(lo);
      expect(x).toBeLessThan(hi);
    }
  });

  it("has mean latency M + d - η/2 within four standard errors", () => {
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
    const expected = (M + d - eta / 2) / S;
    const se = eta / S / Math.sqrt(12 * lat.length); // sd of U(0, η) over √n
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    expect(summary.detection_latency_mean_s).toBeCloseTo(mean, 6);
  });

  it("reports nearest-rank percentiles of the latencies", () => {
    const sorted = [...lat].sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.ceil((p * sorted.length) / 100) - 1];
    expect(summary.detection_latency_p50_s).toBeCloseTo(rank(50), 6);
    expect(summary.detection_latency_p99_s).toBeCloseTo(rank(99), 6);
    expect(summary.detection_latency_max_s).toBeCloseTo(sorted[sorted.length - 1], 6);
    // uniform on [lo, hi): the median sits near the middle
    expect(Math.abs((summary.detection_latency_p50_s as number) - (lo + hi) / 2)).toBeLessThan(1.5);
  });
});

describe("missed detector on loss-free links", () => {
  // Sweeps every η. The last HB before the crash arrives at a; the first sweep
  // at or after a (offset u = sweep0 - a, uniform in [0, η) by the client's
  // phase) restores the standing K; K sweeps later it reaches zero. Latency =
  // u + (a - c) + Kη with a - c uniform in [d - η, d): range
  // [(K-1)η + d, (K+1)η + d), mean Kη + d.
  const K = 3;
  const s = strategy({ name: "m", initiator: "client", intervalUs: eta, timeoutUs: M, detector: { kind: "missed", threshold: K } });
  const { lat, summary } = latenciesS(s);

  it("detects every crash with latency in [(K-1)η + d, (K+1)η + d)", () => {
    expect(summary.detected).toBe(summary.crashes);
    expect(summary.false_positives).toBe(0);
    for (const x of lat) {
      expect(x).toBeGreaterThanOrEqual(((K - 1) * eta + d) / S);
      expect(x).toBeLessThan(((K + 1) * eta + d) / S);
    }
  });

  it("has mean latency Kη + d", () => {
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
    const se = (eta / S) * Math.sqrt(2 / 12 / lat.length); // sum of two independent U(0, η)
    expect(Math.abs(mean - (K * eta + d) / S)).toBeLessThan(4 * se);
  });
});
