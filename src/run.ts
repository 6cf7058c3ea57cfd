// Scenario in, rows out: runs every (replication, strategy) pair of a plan.
// No files, no clock, no console: the CLI owns those.
import { closingFacts } from "./model/finish.js";
import type { Shortcuts } from "./model/shortcuts.js";
import { World } from "./model/world.js";
import { summarize } from "./metrics/summary.js";
import type { StrategyRun } from "./metrics/types.js";
import type { Plan, StrategyPlan } from "./scenario/plan.js";
import { makeDetector, makePolicy } from "./strategies/index.js";

export interface RunOptions {
  /** run only these strategies (by name), in scenario order */
  readonly strategies?: readonly string[];
  /** called now and then with the share of simulated time done, 0..1 */
  readonly onProgress?: (done: number) => void;
  /** the exact speed-ups (src/model/shortcuts.ts); default all, which give the same outputs as none, faster */
  readonly shortcuts?: Shortcuts;
}

export interface RunResult {
  readonly runs: readonly StrategyRun[];
  /** events processed, summed over runs */
  readonly events: number;
}

/** progress is reported after each of this many slices of a run */
export const SLICES = 64;

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
  shortcuts?: Shortcuts,
): StrategyRun {
  const run = new SlicedRun(plan, strategy, replication, shortcuts);
  while (run.step()) onSlice?.();
  onSlice?.();
  return run.finish();
}

/**
 * One strategy run taken a slice of simulated time at a time, so a thread
 * that also keeps a progress bar or a pool going can yield between slices.
 */
export class SlicedRun {
  private readonly w: World;
  private readonly backstop: number;
  private slice = 0;

  constructor(
    private readonly plan: Plan,
    private readonly strategy: StrategyPlan,
    private readonly replication: number,
    shortcuts?: Shortcuts,
  ) {
    this.w = new World(plan, strategy, replication, makePolicy(strategy), makeDetector(strategy), shortcuts);
    this.backstop = eventBackstop(plan, strategy);
  }

  /** runs the next of SLICES slices; true while slices remain after it */
  step(): boolean {
    const { plan, strategy, w } = this;
    const k = ++this.slice;
    const until = k === SLICES ? plan.durationUs : Math.floor((plan.durationUs * k) / SLICES);
    if (!w.sim.run(until, this.backstop - w.sim.events)) {
      throw new Error(
        `scenario ${plan.name}, strategy ${strategy.name}, seed ${plan.seed}, replication ${this.replication}: ` +
          `more than ${this.backstop} events by ${w.sim.now} us; the model is looping`,
      );
    }
    return k < SLICES;
  }

  finish(): StrategyRun {
    const { plan, strategy, w } = this;
    const facts = closingFacts(w, plan.name);
    const timeseries = w.rec.timeseries();
    const detections = w.rec.detections();
    return {
      strategy: strategy.name,
      replication: this.replication,
      seed: plan.seed,
      summary: summarize(facts, w.rec, timeseries, detections),
      timeseries,
      detections,
    };
  }
}

/** One (strategy, replication) run of a plan; jobs are independent and deterministic. */
export interface Job {
  readonly strategy: number;
  readonly replication: number;
}

/** The runs of a plan, in output order: replications outer, strategies in scenario order. */
export function planJobs(plan: Plan, wanted?: readonly string[]): Job[] {
  const jobs: Job[] = [];
  for (let r = 0; r < plan.replications; r++) {
    plan.strategies.forEach((s, k) => {
      if (!wanted || wanted.includes(s.name)) jobs.push({ strategy: k, replication: r });
    });
  }
  return jobs;
}

export function runJob(plan: Plan, job: Job, onSlice?: () => void, shortcuts?: Shortcuts): StrategyRun {
  return runStrategy(plan, plan.strategies[job.strategy], job.replication, onSlice, shortcuts);
}

export function collect(runs: StrategyRun[]): RunResult {
  let events = 0;
  for (const run of runs) events += run.summary.events as number;
  return { runs, events };
}

export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
  const jobs = planJobs(plan, options.strategies);
  const total = jobs.length * SLICES;
  let done = 0;
  const onSlice = options.onProgress ? () => options.onProgress!(++done / total) : undefined;
  return collect(jobs.map((job) => runJob(plan, job, onSlice, options.shortcuts)));
}
