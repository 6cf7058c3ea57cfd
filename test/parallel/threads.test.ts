// How many threads a plan gets when the user does not say: a small plan stays
// on the main thread (a worker's cold start costs more than it saves), a
// large one gets a thread per core, never more than it has runs.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { estimatedEvents, World } from "../../src/model/world.js";
import { defaultThreads } from "../../src/parallel/pool.js";
import { planJobs } from "../../src/run.js";
import type { LinkPlan } from "../../src/scenario/plan.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { outcome } from "../support/outcome.js";
import { plan, S, strategy } from "../support/plan.js";
import { tcpPlan } from "../support/tcp.js";

// the reference model's link (perf-targets.md): 40-60 ms, 2% loss each way
const REFERENCE_LINK: LinkPlan = { delay: { dist: "uniform", minUs: 40_000, maxUs: 60_000 }, loss: { model: "bernoulli", p: 0.02 } };

const ref = (count: number) =>
  plan({
    count,
    durationUs: 3600 * S,
    strategies: [strategy({ name: "a", initiator: "client" }), strategy({ name: "b", initiator: "server" })],
  });

describe("default threads", () => {
  it("estimates a run's events within a factor of five of the events it runs, with and without quiet rounds", () => {
    for (const transport of [{ kind: "datagram" } as const, tcpPlan(200_000, 120 * S, 15)]) {
      for (const s of ref(0).strategies) {
        const p = plan({ count: 1000, durationUs: 3600 * S, uplink: REFERENCE_LINK, downlink: REFERENCE_LINK, transport, strategies: [s] });
        const { events } = outcome(new World(p, s, 0, makePolicy(s), makeDetector(s)));
        const estimate = estimatedEvents(p, s);
        expect(estimate, `${transport.kind} ${s.name}`).toBeGreaterThan(events / 5);
        expect(estimate, `${transport.kind} ${s.name}`).toBeLessThan(events * 5);
      }
    }
  });

  it("keeps a small plan on this thread: 10k clients x 1 h x 2 strategies with quiet rounds", () => {
    const p = ref(10_000);
    expect(defaultThreads(p, planJobs(p))).toBe(1);
  });

  it("spreads a large plan over the cores, at most one thread per run", () => {
    const p = ref(100_000);
    expect(defaultThreads(p, planJobs(p))).toBe(Math.min(2, availableParallelism()));
    expect(defaultThreads(p, planJobs(p).slice(0, 1))).toBe(1);
  });
});
