// How many threads a plan gets when the user does not say: a small plan stays
// on the main thread (a worker's cold start costs more than it saves), a
// large one gets a thread per core, never more than it has runs.
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { estimatedEvents } from "../../src/model/world.js";
import { defaultThreads } from "../../src/parallel/pool.js";
import { planJobs } from "../../src/run.js";
import { plan, S, strategy } from "../support/plan.js";
import { tcpPlan } from "../support/tcp.js";

const ref = (count: number) =>
  plan({
    count,
    durationUs: 3600 * S,
    strategies: [strategy({ name: "a", initiator: "client" }), strategy({ name: "b", initiator: "server" })],
  });

describe("default threads", () => {
  it("estimates events per client-round: 0.4 with quiet rounds (datagrams), 4 without (TCP)", () => {
    const p = ref(10_000);
    // 10,000 clients x 120 rounds of 30 s in an hour
    expect(estimatedEvents(p, p.strategies[0])).toBeCloseTo(0.4 * 10_000 * 120, 6);
    const t = plan({
      count: 10_000,
      durationUs: 3600 * S,
      transport: tcpPlan(200_000, 120 * S, 15),
      strategies: [strategy({ name: "a", initiator: "client" })],
    });
    expect(estimatedEvents(t, t.strategies[0])).toBeCloseTo(4 * 10_000 * 120, 6);
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
