// Server load, derived by hand: on loss-free links every heartbeat round is
// two messages at the server (HB + ACK, or PING + PONG), so the mean load is
// 2C/η; connects add one CONNECT and one CONNECT_ACK per client.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import { link, plan, S, strategy } from "../support/plan.js";

const C = 1000;
const d = 10_000;
const eta = 30 * S;
const D = 3600 * S;
const spread = 30 * S;

describe("mean server load 2C/η", () => {
  it("client-initiated: CONNECT + HBs in, the same number out, bracketed exactly", () => {
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta });
    const r = runStrategy(plan({ count: C, connectSpreadUs: spread, uplink: link(d), downlink: link(d), strategies: [s] }), s, 0);
    // client i connects at c_i in [0, spread): connected at c_i + 2d, HB k (k >= 1)
    // arrives at c_i + 2d + kη + d, counted while < D
    const fewest = Math.floor((D - spread - 3 * d) / eta);
    const most = Math.floor((D - 1 - 3 * d) / eta);
    const sin = r.summary.server_msgs_in as number;
    expect(sin).toBeGreaterThanOrEqual(C * (1 + fewest));
    expect(sin).toBeLessThanOrEqual(C * (1 + most));
    expect(r.summary.server_msgs_out).toBe(sin); // every CONNECT and HB answered
    const rate = r.summary.server_msgs_per_s_mean as number;
    expect(Math.abs(rate - (2 * C) / (eta / S)) / ((2 * C) / (eta / S))).toBeLessThan(0.015);
    // each client sent what arrived, plus at most one HB still in flight at the end
    const tx = (r.summary.client_tx_msgs_mean as number) * C;
    expect(tx).toBeGreaterThanOrEqual(sin);
    expect(tx).toBeLessThanOrEqual(sin + C);
  });

  it("server-initiated: PINGs out, PONGs in, bracketed exactly", () => {
    const s = strategy({ name: "s", initiator: "server", intervalUs: eta });
    const r = runStrategy(plan({ count: C, connectSpreadUs: spread, uplink: link(d), downlink: link(d), strategies: [s] }), s, 0);
    // tracked at c_i + d; PING k leaves at c_i + d + kη (while < D), its PONG arrives 2d later
    const pingsFewest = Math.floor((D - 1 - spread - d) / eta);
    const pingsMost = Math.floor((D - 1 - d) / eta);
    const out = r.summary.server_msgs_out as number;
    expect(out).toBeGreaterThanOrEqual(C * (1 + pingsFewest));
    expect(out).toBeLessThanOrEqual(C * (1 + pingsMost));
    const rate = r.summary.server_msgs_per_s_mean as number;
    expect(Math.abs(rate - (2 * C) / (eta / S)) / ((2 * C) / (eta / S))).toBeLessThan(0.015);
  });
});

describe("the burst of a global tick", () => {
  it("puts C PINGs and C PONGs in the tick's bucket: peak = 2C per bucket", () => {
    const s = strategy({ name: "g", initiator: "server", intervalUs: eta, schedule: "global" });
    // everyone connected by 10 s + 2d, the first tick at 30 s; PONGs return 2d later, same 1 s bucket
    const r = runStrategy(plan({ count: C, connectSpreadUs: 10 * S, uplink: link(d), downlink: link(d), strategies: [s] }), s, 0);
    expect(r.summary.server_msgs_per_s_peak).toBe(2 * C);
    const b = 30; // bucket of the first tick
    expect(r.timeseries.serverOut[b]).toBe(C);
    expect(r.timeseries.serverIn[b]).toBe(C);
    expect(r.timeseries.tracked[b]).toBe(C);
  });

  it("per-client timers spread the same load: the peak stays far below the burst", () => {
    const s = strategy({ name: "p", initiator: "server", intervalUs: eta });
    const r = runStrategy(plan({ count: C, connectSpreadUs: 10 * S, uplink: link(d), downlink: link(d), strategies: [s] }), s, 0);
    // Phases uniform over 10 s, the same every round: the clients pinged in one
    // second are Binomial(C, 1/10), mean 100, sd 9.5, each with its PONG 2d
    // later (in the same second but for 2% of them), and connects made the
    // same pattern at the start. So the peak is twice the largest of ten such
    // counts: at least the mean (pigeonhole, less the PONGs that cross into the
    // next second), and above mean + 4.5 sd (143) with a chance under 1e-4.
    const peak = r.summary.server_msgs_per_s_peak as number;
    expect(peak).toBeGreaterThanOrEqual(0.95 * ((2 * C) / 10));
    expect(peak).toBeLessThanOrEqual(2 * 143);
    // the global tick's burst is 2C in one second: the spread cuts it by about 2C / peak
    expect((2 * C) / peak).toBeGreaterThan(7);
  });
});
