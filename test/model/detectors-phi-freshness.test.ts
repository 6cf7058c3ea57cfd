// The phi and freshness detectors in the full model, against closed forms.
//
// Freshness (NFD-S), loss-free links, constant one-way delay d, interval η:
// heartbeat k leaves at σ_k and is trusted until τ_{k+1} = σ_k + η + δ.
// Client-initiated: σ_k = C + kη, C the instant the client connected (the
// CONNECT_ACK's arrival), and HB k is heard at σ_k + d <= τ_k when d <= δ.
// A crash at c stops the HBs from c on (one due exactly at c is not sent),
// so the last one has c - σ_j in (0, η] and the release comes at τ_{j+1}:
// latency η + δ - (c - σ_j) in [δ, η + δ), mean η/2 + δ.
// Server-initiated: σ_k = T + kη are the PING instants (T when tracking
// began); the client answers pings arriving before c, so the last answered
// one has c - σ_j - d in (0, η], its PONG lands at σ_j + 2d <= τ_j when
// 2d <= δ, and the latency η + δ - (c - σ_j) lies in [δ - d, η + δ - d).
//
// Phi, loss-free: arrivals exactly η apart. Once the window (W samples) has
// dropped Akka's two bootstrap samples and the first interval (which runs
// from tracking and is longer by the round trip), every sample is η: the std
// is 0, so the fit is mean η + pause, std minStdDev, and phi reaches the
// threshold S = ceil(elapsedForPhi(θ, η + pause, minStdDev)) after the last
// arrival (the first whole µs where phi >= θ). The last heartbeat heard
// before a crash lands at c - (c - σ_j) + d (client) or c - (c - σ_j - d) + d
// (server), with the offset uniform in (0, η]: latency in [S + d - η, S + d),
// mean S + d - η/2, for both initiators.
import { describe, expect, it } from "vitest";
import { elapsedForPhi, phiOf } from "../../src/strategies/detectors/phi/accrual.js";
import { estimateMemoryBytes } from "../../src/model/footprint.js";
import { runStrategy } from "../../src/run.js";
import type { DetectorPlan, Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { crashLatenciesUs } from "../support/crashes.js";
import { link, plan, S, strategy } from "../support/plan.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";

const d = 20_000; // 20 ms
const eta = 30 * S;
const delta = 5 * S;
const phi = { kind: "phi" as const, threshold: 8, window: 8, minStdDevUs: 100_000, acceptablePauseUs: 3 * S };

const latencies = (s: StrategyPlan) => crashLatenciesUs(s, d);

/** the first whole µs of silence at which the floor-std fit reaches the threshold */
function phiSilenceUs(): number {
  const mean = eta + phi.acceptablePauseUs;
  const at = Math.ceil(elapsedForPhi(phi.threshold, mean, phi.minStdDevUs));
  return phiOf(at, mean, phi.minStdDevUs) >= phi.threshold ? at : at + 1;
}

const fresh = { kind: "freshness" as const, deltaUs: delta };
const S_phi = phiSilenceUs();
type Initiator = StrategyPlan["initiator"];
const at = (name: string, initiator: Initiator, detector: DetectorPlan, schedule: StrategyPlan["schedule"] = "per-client") =>
  strategy({ name, initiator, intervalUs: eta, schedule, detector });

// label, strategy, latency range [lo, hi) in µs
const cases: [string, StrategyPlan, number, number][] = [
  ["freshness, client-initiated", at("fc", "client", fresh), delta, eta + delta],
  ["freshness, server per-client", at("fs", "server", fresh), delta - d, eta + delta - d],
  ["freshness, server global tick", at("fg", "server", fresh, "global"), delta - d, eta + delta - d],
  ["phi, client-initiated", at("pc", "client", phi), S_phi + d - eta, S_phi + d],
  ["phi, server-initiated", at("ps", "server", phi), S_phi + d - eta, S_phi + d],
];

describe.each(cases)("%s on loss-free links", (_label, s, lo, hi) => {
  const { lat, summary } = latencies(s);

  it("detects every crash and releases no live client", () => {
    expect(summary.crashes).toBeGreaterThan(900);
    expect(summary.detected).toBe(summary.crashes);
    expect(summary.missed).toBe(0);
    expect(summary.false_positives).toBe(0);
    expect(summary.reconnects).toBe(0);
  });

  it("keeps every latency in its closed-form range [lo, hi)", () => {
    expect(Math.min(...lat)).toBeGreaterThanOrEqual(lo);
    expect(Math.max(...lat)).toBeLessThan(hi);
    // the range is tight: the offset c - σ_j covers (0, η]
    expect(Math.min(...lat)).toBeLessThan(lo + 0.01 * eta);
    expect(Math.max(...lat)).toBeGreaterThan(hi - 0.01 * eta);
  });

  it("has mean latency (lo + hi)/2 within four standard errors", () => {
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
    const se = eta / Math.sqrt(12 * lat.length);
    expect(Math.abs(mean - (lo + hi) / 2)).toBeLessThan(4 * se);
  });
});

describe("freshness ties: a heartbeat landing on its freshness point counts", () => {
  const edge = (deltaUs: number) => {
    const s = strategy({ name: "e", initiator: "client", intervalUs: eta, detector: { kind: "freshness", deltaUs } });
    return runStrategy(plan({ count: 50, uplink: link(d), downlink: link(d), strategies: [s] }), s, 0).summary;
  };

  it("δ = d: every HB arrives exactly at τ_k and none is late", () => {
    expect(edge(d).false_positives).toBe(0);
  });

  it("δ = d - 1 µs: every connection is released at its first freshness point", () => {
    // tracked from the CONNECT's arrival T, connected at C = T + d, released
    // at τ_1 = C + η + δ = T + η + 2d − 1 µs, before HB 1 lands at T + η + 2d:
    // every tracked stretch lasts exactly X = η + 2d − 1 µs, except each
    // client's last, which the end of the run may cut short:
    // fp·X <= tracked <= (fp + clients)·X
    const X = eta + 2 * d - 1;
    const r = edge(d - 1);
    const fp = r.false_positives as number;
    const trackedUs = (fp / (r.false_positives_per_client_hour as number)) * 3600 * S;
    expect(fp).toBeGreaterThanOrEqual(50);
    // (1e-3 µs: rounding in recovering tracked time from the hourly rate)
    expect(trackedUs).toBeGreaterThanOrEqual(fp * X - 1e-3);
    expect(trackedUs).toBeLessThanOrEqual((fp + 50) * X + 1e-3);
  });
});

// Freshness under Bernoulli uplink loss p (downlink loss-free), with
// d <= δ < η - d: HB k is heard in time unless lost, and when HB N is the
// first one lost the release comes at τ_N, before HB N+1 could arrive
// (σ_N + η + d > σ_N + δ) and before it is even sent (so no RESET races the
// CLOSE). N is geometric, P(N = k) = (1-p)^(k-1) p. The tracked stretch of a
// connection runs from the CONNECT's arrival T to τ_N: client-initiated
// X = (C - T) + Nη + δ = d + Nη + δ; server-initiated (a round is lost when
// its PONG is) X = Nη + δ. The reconnect gap (CLOSE, wait, CONNECT, maybe a
// lost CONNECT and its timeout) is not tracked time, so over tracked time
// the releases form a renewal process with mean cycle μ = E[X] and
// σ² = η² (1-p) / p²; over a finite run E[count] = t/μ + (σ² - μ²)/(2μ²) per
// client (see false-positives.test.ts). The client never gives up on its own.
describe("freshness false releases under Bernoulli uplink loss", () => {
  const p = 0.05;
  const etaL = 10 * S;
  const deltaL = 2 * S;
  const dL = 1000;
  const sigma = (etaL * Math.sqrt(1 - p)) / p;

  it.each([
    ["client", dL + deltaL + etaL / p],
    ["server", deltaL + etaL / p],
  ] as const)("%s-initiated: one lost heartbeat releases; rate 1/μ per tracked hour", (initiator, mu) => {
    const s = strategy({
      name: initiator,
      initiator,
      intervalUs: etaL,
      clientTimeoutUs: 7200 * S,
      detector: { kind: "freshness", deltaUs: deltaL },
    });
    const p0 = plan({ count: 3000, uplink: link(dL, p), downlink: link(dL), strategies: [s] });
    const r = runStrategy(p0, s, 0).summary;
    const fp = r.false_positives as number;
    const trackedUs = (fp / (r.false_positives_per_client_hour as number)) * 3600 * S;
    const expected = trackedUs / mu + (p0.clients.count * (sigma ** 2 - mu ** 2)) / (2 * mu ** 2);
    expect(fp).toBeGreaterThan(40_000);
    expect(Math.abs(fp - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe("phi and freshness: deterministic, heap, wheel and timelines agree", () => {
  const lossy = {
    delay: { dist: "lognormal" as const, mu: Math.log(0.08), sigma: 0.8 },
    loss: { model: "gilbert-elliott" as const, pGoodToBad: 0.02, pBadToGood: 0.3, lossGood: 0.01, lossBad: 0.5 },
  };
  const strategies = [
    strategy({ name: "phi-c", initiator: "client", intervalUs: 10 * S, detector: { ...phi, window: 20 } }),
    strategy({ name: "phi-s", initiator: "server", intervalUs: 10 * S, jitter: 0.2, detector: phi }),
    strategy({ name: "fr-c", initiator: "client", intervalUs: 10 * S, detector: { kind: "freshness", deltaUs: 3 * S } }),
    strategy({
      name: "fr-g",
      initiator: "server",
      intervalUs: 10 * S,
      schedule: "global",
      detector: { kind: "freshness", deltaUs: S },
    }),
  ];
  const p = plan({
    count: 400,
    durationUs: 1200 * S,
    crash: { fraction: 0.2, fromUs: 100 * S, toUs: 900 * S },
    uplink: lossy,
    downlink: lossy,
    strategies,
  });

  it.each(strategies.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    const heap = runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue: "heap" });
    const wheel = runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue: "wheel" });
    const lines = runStrategy(p, s, 0, undefined, ALL_SHORTCUTS);
    const again = runStrategy(p, s, 0, undefined, ALL_SHORTCUTS);
    expect(wheel.summary).toEqual(heap.summary);
    expect(wheel.detections).toEqual(heap.detections);
    expect(wheel.timeseries).toEqual(heap.timeseries);
    // timelines: each client's events in the same order, the clients one after another (only the fingerprint differs)
    expect({ ...lines.summary, fingerprint: null }).toEqual({ ...heap.summary, fingerprint: null });
    expect(lines.detections).toEqual(heap.detections);
    expect(lines.timeseries).toEqual(heap.timeseries);
    expect(again.summary).toEqual(lines.summary);
    expect(wheel.summary.detected as number).toBeGreaterThan(0);
    expect(wheel.summary.false_positives as number).toBeGreaterThan(0);
  });
});

describe("phi window memory", () => {
  it("is 8 bytes a sample, capped at the heartbeats one connection can see (+2 bootstrap samples)", () => {
    const bytes = (window: number) => {
      const s = strategy({ name: "p", initiator: "client", intervalUs: eta, detector: { ...phi, window } });
      return estimateMemoryBytes(plan({ count: 1000, durationUs: 3600 * S, strategies: [s] }), 1);
    };
    const timeout = estimateMemoryBytes(plan({ count: 1000, strategies: [strategy({ name: "t", initiator: "client" })] }), 1);
    // 1 h at 30 s: at most 121 heartbeats, so 123 samples; plus 48 bytes of fit, deadline and suspect instant
    expect(bytes(100_000) - timeout).toBe(1000 * (8 * 123 + 48));
    expect(bytes(100_000)).toBe(bytes(123));
    expect(bytes(10) - timeout).toBe(1000 * (8 * 10 + 48));
  });
});
