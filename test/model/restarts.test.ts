// Server restarts through the whole model, against closed forms.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";

const d = 10_000;
const eta = 30 * S;
const T = 1200 * S; // the restart
const downFor = 1 * S;
const N = 2000;

function restarting(s: StrategyPlan): Plan {
  const p = plan({ count: N, durationUs: 1800 * S, uplink: link(d), downlink: link(d), strategies: [s] });
  return { ...p, server: { restarts: [{ atUs: T, downForUs: downFor }] } };
}

describe("a server restart", () => {
  it("client heartbeats: every client meets RESET once and reconnects: a burst of N CONNECTs", () => {
    // The first HB to arrive after the server is back (arrival uniform in
    // [T + downFor, T + downFor + η) by the clients' phases) meets RESET,
    // which arrives d later: notice latency = downFor + U[0, η) + d, mean
    // downFor + η/2 + d. Then exactly one reconnect each.
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta });
    const r = runStrategy(restarting(s), s, 0);
    const sum = r.summary;
    expect(sum.reconnects).toBe(N);
    expect(sum.false_positives).toBe(0);
    const meanS = sum.client_detection_latency_mean_s as number;
    const expected = (downFor + eta / 2 + d) / S;
    const se = eta / S / Math.sqrt(12 * N);
    expect(Math.abs(meanS - expected)).toBeLessThan(4 * se);
    expect(sum.client_detection_latency_p99_s as number).toBeLessThan((downFor + eta + d) / S);
    expect(sum.client_detection_latency_p99_s as number).toBeGreaterThan((downFor + 0.95 * eta) / S);
    // the N CONNECTs arrive within η + 2 s after the restart: tracked drops to 0 and climbs back to N
    const b = T / S;
    expect(r.timeseries.tracked[b]).toBeLessThan(N / 10);
    expect(r.timeseries.tracked[b + 33]).toBe(N);
  });

  it("server pings: clients hear nothing and give up clientTimeout after the last ping they heard", () => {
    // last PING heard at T - U[0, η): notice latency = clientTimeout - U[0, η),
    // in (clientTimeout - η, clientTimeout], mean clientTimeout - η/2
    const clientTimeout = 75 * S;
    const s = strategy({ name: "s", initiator: "server", intervalUs: eta, clientTimeoutUs: clientTimeout });
    const r = runStrategy(restarting(s), s, 0).summary;
    expect(r.reconnects).toBe(N);
    const expected = (clientTimeout - eta / 2) / S;
    expect(Math.abs((r.client_detection_latency_mean_s as number) - expected)).toBeLessThan((4 * eta) / S / Math.sqrt(12 * N));
    expect(r.client_detection_latency_p99_s as number).toBeLessThanOrEqual(clientTimeout / S);
  });

  it("without restarts the client-detection columns are empty", () => {
    const s = strategy({ name: "c", initiator: "client" });
    const r = runStrategy(plan({ count: 20, strategies: [s] }), s, 0).summary;
    expect(r.client_detection_latency_mean_s).toBeNull();
    expect(r.client_detection_latency_p99_s).toBeNull();
  });

  it("the same restart under heap, wheel and timelines gives the same run", () => {
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta });
    const p = restarting(s);
    const run = (queue: "heap" | "wheel" | "timelines") => runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue }).summary;
    const heap = run("heap");
    expect(run("wheel")).toEqual(heap);
    // timelines run each client's events in the same order, the clients one after another between restarts
    expect({ ...run("timelines"), fingerprint: null }).toEqual({ ...heap, fingerprint: null });
  });
});
