// Scenario in, rows out: runs every (replication, strategy) pair of a plan.
// No files, no clock, no console: the CLI owns those.
import { closingFacts } from "./model/finish.js";
import { World, type QueueKind } from "./model/world.js";
import { summarize } from "./metrics/summary.js";
import type { StrategyRun } from "./metrics/types.js";
import type { Plan, StrategyPlan } from "./scenario/plan.js";
import { makeDetector, makePolicy } from "./strategies/index.js";

export interface RunOptions {
  /** run only these strategies (by name), in scenario order */
  readonly strategies?: readonly string[];
  /** called now and then with the share of simulated time done, 0..1 */
  readonly onProgress?: (done: number) => void;
  /** the event queue; both give identical runs, the wheel is faster */
  readonly queue?: QueueKind;
}

export interface RunResult {
  readonly runs: readonly StrategyRun[];
  /** events processed, summed over runs */
  readonly events: number;
}

const SLICES = 64;

// A backstop, not a limit anyone should meet: far above what any strategy
// can generate, so hitting it means a model bug (an event loop), not load.
function eventBackstop(plan: Plan, s: StrategyPlan): number {
  const rounds = plan.durationUs / Math.min(s.intervalUs, plan.clients.reconnect.delayUs || s.intervalUs) + 10;
  return 100 * plan.clients.count * rounds + 1e7;
}

export function runStrategy(
  plan: Plan,
  strategy: StrategyPlan,
  replication: number,
  onSlice?: () => void,
  queue: QueueKind = "wheel",
): StrategyRun {
  const w = new World(plan, strategy, replication, makePolicy(strategy), makeDetector(strategy), queue);
  const backstop = eventBackstop(plan, strategy);
  for (let k = 1; k <= SLICES; k++) {
    const until = k === SLICES ? plan.durationUs : Math.floor((plan.durationUs * k) / SLICES);
    if (!w.sim.run(until, backstop - w.sim.events)) {
      throw new Error(
        `scenario ${plan.name}, strategy ${strategy.name}, seed ${plan.seed}, replication ${replication}: ` +
          `more than ${backstop} events by ${w.sim.now} us; the model is looping`,
      );
    }
    onSlice?.();
  }
  const facts = closingFacts(w, plan.name);
  const timeseries = w.rec.timeseries();
  const detections = w.rec.detections();
  return {
    strategy: strategy.name,
    replication,
    seed: plan.seed,
    summary: summarize(facts, w.rec, timeseries, detections),
    timeseries,
    detections,
  };
}

export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
  const wanted = options.strategies;
  const strategies = wanted ? plan.strategies.filter((s) => wanted.includes(s.name)) : plan.strategies;
  const total = plan.replications * strategies.length * SLICES;
  let done = 0;
  const onSlice = options.onProgress ? () => options.onProgress!(++done / total) : undefined;
  const runs: StrategyRun[] = [];
  let events = 0;
  for (let r = 0; r < plan.replications; r++) {
    for (const s of strategies) {
      const run = runStrategy(plan, s, r, onSlice, options.queue);
      events += run.summary.events as number;
      runs.push(run);
    }
  }
  return { runs, events };
}
