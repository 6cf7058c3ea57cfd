// How many threads a plan gets when the user does not say: a small plan stays
// on the main thread (a worker's cold start costs more than it saves), a
// large one gets a thread per core, never more than it has runs.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { estimatedEvents } from "../../src/model/estimate.js";
import { World } from "../../src/model/world.js";
import { defaultThreads } from "../../src/parallel/pool.js";
import { planJobs } from "../../src/run.js";
import { parseScenario } from "../../src/scenario/load.js";
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
  it("estimates a run's events within 1.5x of the events it runs (a 2x error fails), with and without quiet rounds", () => {
    const lossy = (p: number): LinkPlan => ({ ...REFERENCE_LINK, loss: { model: "bernoulli", p } });
    const shapes = [...ref(0).strategies, strategy({ name: "j", initiator: "client", jitter: 0.1 }), strategy({ name: "g", initiator: "server", jitter: 0.1 })];
    for (const transport of [{ kind: "datagram" } as const, tcpPlan(200_000, 120 * S, 15), tcpPlan(200_000, 120 * S, 15, "linux", 250)]) {
      for (const link of [REFERENCE_LINK, lossy(0), lossy(0.1)]) {
        for (const s of shapes) {
          const p = plan({ count: 1000, durationUs: 3600 * S, uplink: link, downlink: link, transport, strategies: [s] });
          const { events } = outcome(new World(p, s, 0, makePolicy(s), makeDetector(s)));
          const ratio = estimatedEvents(p, s) / events;
          const what = `${transport.kind === "tcp" ? `tcp ${transport.model}` : transport.kind} ${s.name}, loss ${link.loss.model === "bernoulli" ? link.loss.p : 0}: estimate / events = ${ratio.toFixed(2)}`;
          expect(ratio, what).toBeGreaterThan(1 / 1.5);
          expect(ratio, what).toBeLessThan(1.5);
        }
      }
    }
  }, 90_000); // 36 runs of 1,000 clients for an hour: seconds, more on a busy machine

  it("chooses for the shipped benchmarks what was measured best: one thread for ref-10k, every core for the rest", () => {
    const threads = (file: string) => {
      const p = parseScenario(readFileSync(file, "utf8"), file);
      return defaultThreads(p, planJobs(p));
    };
    expect(threads("scenarios/bench/ref-10k.json")).toBe(1);
    for (const file of ["scenarios/bench/ref-100k.json", "scenarios/bench/ref-1m.json", "scenarios/bench/moonshot.json", "scenarios/10k-mobile.json"]) {
      expect(threads(file), file).toBe(Math.min(2, availableParallelism()));
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
