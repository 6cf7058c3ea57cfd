// Quiet rounds run ahead (src/model/quiet-rounds.ts): when a connection's
// timer fires in steady state, its rounds whose messages all get through,
// in step with the timer, are drawn and applied at once instead of as
// events. That must change how many events run, never what happens: the
// same plan with every round run as events must give the same releases,
// detections, time series and counts, byte for byte.
import { describe, expect, it } from "vitest";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { World } from "../../src/model/world.js";
import type { LinkPlan, StrategyPlan } from "../../src/scenario/plan.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { expectSameOutcome, outcome } from "../support/outcome.js";
import { plan, S, strategy } from "../support/plan.js";

const links: Record<string, LinkPlan> = {
  // the reference model's link (perf-targets.md)
  reference: { delay: { dist: "uniform", minUs: 40_000, maxUs: 60_000 }, loss: { model: "bernoulli", p: 0.02 } },
  // heavy-tailed delays: some answers arrive after the next timer, some after the deadline
  heavy: { delay: { dist: "lognormal", mu: Math.log(0.3), sigma: 1.5 }, loss: { model: "bernoulli", p: 0.05 } },
  // bursts: the Gilbert-Elliott state must be put back with the counters when a round is handed back
  bursty: {
    delay: { dist: "exponential", meanUs: 80_000 },
    loss: { model: "gilbert-elliott", pGoodToBad: 0.05, pBadToGood: 0.3, lossGood: 0.01, lossBad: 0.6 },
  },
  // bounded delays are drawn lazily (only when a round needs their values): with bursts, and with
  // bounds wide enough that arrivals straddle time-series buckets and deadlines
  "bursty-bounded": {
    delay: { dist: "uniform", minUs: 10_000, maxUs: 3_000_000 },
    loss: { model: "gilbert-elliott", pGoodToBad: 0.05, pBadToGood: 0.3, lossGood: 0.01, lossBad: 0.6 },
  },
  clean: { delay: { dist: "constant", valueUs: 20_000 }, loss: { model: "none" } },
};

function run(s: StrategyPlan, link: LinkPlan, quiet: boolean, durationUs = 3600 * S) {
  const p = plan({
    count: 300,
    durationUs,
    crash: { fraction: 0.3, fromUs: 100 * S, toUs: durationUs - 5 * S },
    uplink: link,
    downlink: link,
    strategies: [s],
    bucketUs: 7 * S,
  });
  const on = new World(p, s, 0, makePolicy(s), makeDetector(s));
  const ran = on.quiet !== null;
  const w = quiet ? on : new World(p, s, 0, makePolicy(s), makeDetector(s), { ...ALL_SHORTCUTS, quietRounds: false });
  return { ran, ...outcome(w) };
}

const cases: StrategyPlan[] = [
  strategy({ name: "client", initiator: "client" }),
  strategy({ name: "client-no-ack", initiator: "client", ack: false }),
  strategy({ name: "client-mqtt", initiator: "client", intervalUs: 60 * S, timeoutUs: 90 * S }),
  strategy({ name: "client-tight", initiator: "client", intervalUs: 10 * S, timeoutUs: 12 * S, clientTimeoutUs: 11 * S }),
  strategy({ name: "server", initiator: "server" }),
  strategy({ name: "server-socketio", initiator: "server", intervalUs: 25 * S, timeoutUs: 45 * S, clientTimeoutUs: 45 * S }),
  strategy({ name: "server-tight", initiator: "server", intervalUs: 10 * S, timeoutUs: 12 * S, clientTimeoutUs: 11 * S }),
  // the watching side's deadline under the interval: armed at every timer, never steady, so nothing runs ahead
  strategy({ name: "client-watch-under-interval", initiator: "client", intervalUs: 10 * S, timeoutUs: 25 * S, clientTimeoutUs: 9.8 * S }),
  strategy({ name: "server-deadline-under-interval", initiator: "server", intervalUs: 10 * S, timeoutUs: 9.8 * S, clientTimeoutUs: 25 * S }),
];

describe("quiet rounds run ahead", () => {
  for (const s of cases) {
    for (const [name, link] of Object.entries(links)) {
      it(`${s.name}, ${name} link: same outcome as every round run as events, in fewer events`, () => {
        // the run's end falls mid-round: rounds ahead must stop at it
        const a = run(s, link, true, 3600 * S + 13_777);
        const b = run(s, link, false, 3600 * S + 13_777);
        expect(a.ran).toBe(true);
        expectSameOutcome(a, b);
        expect(a.detections.count).toBeGreaterThan(0);
        if (s.name.endsWith("-under-interval")) expect(a.events).toBe(b.events);
        else expect(a.events).toBeLessThan(b.events);
      });
    }
  }

  it("the reference model runs most rounds ahead", () => {
    const s = strategy({ name: "client", initiator: "client" });
    const a = run(s, links.reference, true);
    const b = run(s, links.reference, false);
    // a round with a loss (1 - 0.98^2 of them) always runs as events, at least one
    const rounds = (300 * 3600) / 30;
    expect(a.events).toBeGreaterThan((1 - 0.98 ** 2) * rounds * 0.7);
    expect(a.events).toBeLessThan(b.events / 4);
  });

  it("is ruled out where something else can touch a client between rounds", () => {
    const jitter = strategy({ name: "j", initiator: "client", jitter: 0.1 });
    const global = strategy({ name: "g", initiator: "server", schedule: "global" });
    const phi = strategy({
      name: "p",
      initiator: "client",
      detector: { kind: "phi", threshold: 8, window: 8, minStdDevUs: 100_000, acceptablePauseUs: 3 * S },
    });
    for (const s of [jitter, global, phi]) expect(run(s, links.clean, true, 600 * S).ran).toBe(false);
  });
});
