// Determinism and common random numbers: the same scenario and seed give the
// same trajectory; every strategy sees the same clients and crashes; changing
// one strategy moves no other strategy's numbers.
import { describe, expect, it } from "vitest";
import { World } from "../../src/model/world.js";
import { runPlan, runStrategy } from "../../src/run.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { outcome } from "../support/outcome.js";
import { plan, S, strategy } from "../support/plan.js";

const lossy = {
  delay: { dist: "lognormal" as const, mu: Math.log(0.08), sigma: 0.8 },
  loss: { model: "gilbert-elliott" as const, pGoodToBad: 0.02, pBadToGood: 0.3, lossGood: 0.01, lossBad: 0.5 },
};
const crash = { fraction: 0.2, fromUs: 300 * S, toUs: 1500 * S };
const base = { count: 300, durationUs: 1800 * S, crash, uplink: lossy, downlink: lossy };

function crashInstants(r: ReturnType<typeof runStrategy>): Map<number, number> {
  const m = new Map<number, number>();
  for (let k = 0; k < r.detections.count; k++) {
    if (r.detections.crashed[k] === 1) m.set(r.detections.client[k], r.detections.tUs[k] - r.detections.latencyUs[k]);
  }
  return m;
}

describe("determinism", () => {
  it("two runs of the same plan are identical, event for event", () => {
    const a = runPlan(plan(base));
    const b = runPlan(plan(base));
    expect(a.runs.map((r) => r.summary)).toEqual(b.runs.map((r) => r.summary));
    expect(a.runs[0].detections).toEqual(b.runs[0].detections);
    expect(a.runs[1].timeseries).toEqual(b.runs[1].timeseries);
  });

  // Another seed, or another replication, must move every random stream, not
  // one of them: each stream is keyed by (seed, replication, purpose), and a
  // key that forgot the seed or the replication would leave its stream the
  // same while the trajectory (and so the fingerprint) still changed.
  it.each([
    ["another seed", { seed: 2 }, 0],
    ["another replication", { replications: 2 }, 1],
  ] as const)("%s moves every random stream", (_what, over, replication) => {
    const s = strategy({ name: "c", initiator: "client", jitter: 0.2 });
    const make = (o: object, r: number) => {
      const p = plan({ ...base, ...o, strategies: [s] });
      return new World(p, s, r, makePolicy(s), makeDetector(s));
    };
    const a = make({}, 0);
    const b = make(over, replication);
    const n = a.count;
    const share = (f: (w: World, i: number) => number) => {
      let differ = 0;
      for (let i = 0; i < n; i++) if (f(a, i) !== f(b, i)) differ++;
      return differ / n;
    };
    // crash instants, of the clients that crash in either
    expect(share((w, i) => w.state.crashAt(i))).toBeGreaterThan(0.3);
    // each link direction's draws (delay, or -1 when lost), and the timer jitter's
    expect(share((w, i) => w.net.uplink.transmit(i))).toBeGreaterThan(0.9);
    expect(share((w, i) => w.net.downlink.transmit(i))).toBeGreaterThan(0.9);
    expect(share((w, i) => w.timerJitter.next(i))).toBeGreaterThan(0.9);
    // connect instants: when each client is first tracked
    a.sim.run(40 * S);
    b.sim.run(40 * S);
    expect(share((w, i) => w.rec.firstTrackedUs[i])).toBeGreaterThan(0.9);
    // and the runs' trajectories
    expect(outcome(make({}, 0)).summary).not.toEqual(outcome(make(over, replication)).summary);
  });

  it("replications come in order: replications outer, strategies in scenario order", () => {
    const r = runPlan(plan({ ...base, replications: 2 }));
    expect(r.runs.map((x) => `${x.strategy}/${x.replication}`)).toEqual(["client/0", "server/0", "client/1", "server/1"]);
  });
});

describe("common random numbers", () => {
  it("every strategy sees the same crashes at the same instants", () => {
    const p = plan({ ...base, uplink: undefined, downlink: undefined });
    const [c, s] = runPlan(p).runs;
    expect(c.summary.crashes).toBe(s.summary.crashes);
    const a = crashInstants(c);
    const b = crashInstants(s);
    expect(a.size).toBeGreaterThan(30);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });

  it("changing one strategy's settings does not move another's numbers", () => {
    const keep = strategy({ name: "keep", initiator: "client" });
    const one = runPlan(plan({ ...base, strategies: [keep, strategy({ name: "x", initiator: "server" })] }));
    const two = runPlan(plan({ ...base, strategies: [keep, strategy({ name: "x", initiator: "server", intervalUs: 10 * S })] }));
    expect(one.runs[0].summary).toEqual(two.runs[0].summary);
    // and the changed one did change: three times the pings
    const pings = (r: typeof one) => r.runs[1].summary.server_msgs_out as number;
    expect(pings(two) / pings(one)).toBeGreaterThan(2.5);
  });
});

describe("reconnect backoff", () => {
  it("retries after connectTimeout + delay·backoff^(k-1), capped at maxDelay", () => {
    // the uplink loses everything: every CONNECT goes unanswered
    const dead = { delay: { dist: "constant" as const, valueUs: 1000 }, loss: { model: "bernoulli" as const, p: 1 } };
    const r = { delayUs: 1 * S, backoff: 2, maxDelayUs: 100 * S, jitter: 0, connectTimeoutUs: 10 * S };
    const D = 900 * S;
    const p = plan({ count: 5, connectSpreadUs: 0, durationUs: D, reconnect: r, uplink: dead });
    // attempt times by the rule, from t = 0
    let t = 0;
    let attempts = 0;
    for (let k = 1; t < D; k++) {
      attempts++;
      t += r.connectTimeoutUs + Math.min(r.maxDelayUs, r.delayUs * r.backoff ** (k - 1));
    }
    const run = runStrategy(p, p.strategies[0], 0);
    expect(run.summary.reconnects).toBe(5 * (attempts - 1));
    expect(run.summary.client_tx_msgs_mean).toBe(attempts);
    expect(run.summary.server_msgs_in).toBe(0);
  });
});
