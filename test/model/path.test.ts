// Outages and NAT expiry through the whole model, against closed forms.
import { describe, expect, it } from "vitest";
import { runPlan, runStrategy } from "../../src/run.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";

const d = 10_000;

function withNetwork(p: Plan, extra: Partial<Plan["network"]>): Plan {
  return { ...p, network: { ...p.network, ...extra } };
}

describe("outages: releases of live, unreachable clients", () => {
  // Heartbeats every η, timeout M, K = floor(M/η). An outage of length L
  // starting φ after the last heartbeat sent before it (φ uniform in (0, η])
  // drops every heartbeat sent inside it; the server releases iff the first
  // heartbeat sent after it comes more than M after the last one heard, i.e.
  // iff L > Kη − φ. For exponential L of mean m:
  //   P(release) = (m/η)(e^{−(K−1)η/m} − e^{−Kη/m}).
  // Outages start once per up period (mean U) of tracked time, and each
  // cycle's tracked time is U plus the release offset (M + d − φ, mean
  // M + d − η/2) minus the reconnect gap after the outage (about one 2 s
  // attempt cycle, half of it on average): rate ≈ P / (U + M + d − η/2 − 1 s).
  const eta = 10 * S;
  const M = 25 * S;
  const K = Math.floor(M / eta);
  const U = 3000 * S;
  const m = 1000 * S;
  const s = strategy({ name: "c", initiator: "client", intervalUs: eta, timeoutUs: M });

  it("follow the outage rate, and nearly all happen while the path is down", () => {
    const base = plan({
      count: 2000,
      durationUs: 3600 * S,
      uplink: link(d),
      downlink: link(d),
      reconnect: { delayUs: 1 * S, backoff: 1, jitter: 0, connectTimeoutUs: 1 * S, maxDelayUs: 1 * S },
      strategies: [s],
    });
    const p = withNetwork(base, { outages: { meanUpUs: U, meanDownUs: m } });
    const r = runStrategy(p, s, 0).summary;
    const pRelease = (m / eta) * (Math.exp((-(K - 1) * eta) / m) - Math.exp((-K * eta) / m));
    const cycleS = (U + M + d - eta / 2 - 1 * S) / S;
    const expectedPerHour = (pRelease * 3600) / cycleS; // about 1.175
    const fp = r.false_positives as number;
    const perHour = r.false_positives_per_client_hour as number;
    const expectedCount = (fp / perHour) * expectedPerHour;
    expect(Math.abs(fp - expectedCount)).toBeLessThan(4 * Math.sqrt(expectedCount));
    // a release comes M + d − φ ≤ 25 s into an outage of mean 1000 s: it is
    // unreachable unless the outage was shorter, P(L < 25 s | release) < 3%
    expect((r.false_positives_unreachable as number) / fp).toBeGreaterThan(0.95);
  });

  it("every strategy sees the same outages (the stream is keyed by client only)", () => {
    // the same settings under another name, second in the list instead of
    // first: neither the name nor the position may change what happens
    const other = strategy({ name: "x", initiator: "server", intervalUs: 5 * S });
    const outages = { outages: { meanUpUs: 600 * S, meanDownUs: 120 * S } };
    const at = (strategies: StrategyPlan[]) =>
      withNetwork(plan({ count: 300, durationUs: 1800 * S, uplink: link(d), downlink: link(d), strategies }), outages);
    const a = runPlan(at([s])).runs[0].summary;
    const moved = runPlan(at([other, { ...s, name: "renamed" }])).runs;
    expect(moved.map((r) => r.strategy)).toEqual(["x", "renamed"]);
    expect(moved[1].summary).toEqual({ ...a, strategy: "renamed" });
    // the outages did bite: live clients were released while unreachable
    expect(a.false_positives_unreachable as number).toBeGreaterThan(0);
  });
});

describe("a NAT idle timeout below the heartbeat interval", () => {
  const nat = 120 * S;
  const eta = 300 * S;

  it("server pings: every connection is released M after it was tracked, unreachable: 3600/M per tracked hour", () => {
    // the first PING, η after tracking, finds the mapping expired (η > NAT)
    // and vanishes; nothing else reaches the server, so the release comes at
    // exactly tracking + M, with the mapping gone
    const M = 400 * S;
    const s = strategy({ name: "s", initiator: "server", intervalUs: eta, timeoutUs: M, clientTimeoutUs: M });
    const p = withNetwork(plan({ count: 500, durationUs: 7200 * S, uplink: link(d), downlink: link(d), strategies: [s] }), {
      natIdleTimeoutUs: nat,
    });
    const r = runStrategy(p, s, 0).summary;
    // every tracked stretch lasts exactly M, except each client's last one,
    // cut short by the end of the run: fp·M <= exposure <= (fp + clients)·M
    const fp = r.false_positives as number;
    const exposureS = (fp / (r.false_positives_per_client_hour as number)) * 3600;
    expect(exposureS).toBeGreaterThanOrEqual((fp * M) / S - 1e-6);
    expect(exposureS).toBeLessThanOrEqual(((fp + 500) * M) / S);
    expect(fp).toBeGreaterThan(500 * 15); // about 7200 / (M + reconnect) cycles each
    expect(r.false_positives_unreachable).toBe(fp);
    expect(r.detected).toBe(0);
  });

  it("client heartbeats: each one meets RESET and costs a reconnect; the server releases nobody", () => {
    // cycle: CONNECT at t, connected at t + 2d, HB at t + 2d + η through a new
    // mapping, RESET back at t + 4d + η, next CONNECT 1 s later
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta, timeoutUs: 700 * S, clientTimeoutUs: 700 * S });
    const D = 7200 * S;
    const p = withNetwork(
      plan({
        count: 200,
        durationUs: D,
        connectSpreadUs: 0,
        uplink: link(d),
        downlink: link(d),
        reconnect: { delayUs: 1 * S, jitter: 0 },
        strategies: [s],
      }),
      { natIdleTimeoutUs: nat },
    );
    const r = runStrategy(p, s, 0).summary;
    const cycle = eta + 4 * d + 1 * S;
    const attempts = Math.ceil(D / cycle); // connects at 0, cycle, 2·cycle, ... before D
    expect(r.reconnects).toBe(200 * (attempts - 1));
    expect(r.false_positives).toBe(0);
  });

  it("a NAT timeout above the interval changes nothing", () => {
    const s = strategy({ name: "c", initiator: "client", intervalUs: 60 * S, timeoutUs: 150 * S });
    const base = plan({ count: 200, uplink: link(d), downlink: link(d), strategies: [s] });
    const a = runStrategy(base, s, 0).summary;
    const b = runStrategy(withNetwork(base, { natIdleTimeoutUs: nat }), s, 0).summary;
    expect(b.reconnects).toBe(0);
    expect(b.false_positives).toBe(0);
    expect(b.server_msgs_in).toBe(a.server_msgs_in);
  });
});
