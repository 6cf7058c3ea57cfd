// Runs a plan's jobs on several threads: this one and worker threads
// (piscina), each taking the next job when it is free. Jobs are independent
// and deterministic, and results are put back in job order, so the output is
// byte-for-byte the sequential run's whatever the number of threads.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { Shortcuts } from "../model/shortcuts.js";
import { estimatedEvents } from "../model/estimate.js";
import { collect, planJobs, SlicedRun, SLICES, type Job, type RunResult } from "../run.js";
import type { StrategyRun } from "../metrics/types.js";
import type { Plan } from "../scenario/plan.js";
import { inliningBudgetFor } from "./inlining-budget.js";
import type { Task } from "./worker.js";

export interface ParallelOptions {
  readonly strategies?: readonly string[];
  /** threads running jobs, this one included; default: see defaultThreads */
  readonly workers?: number;
  readonly shortcuts?: Shortcuts;
  /**
   * How this thread lets other work through between the slices of a run it
   * runs itself (the pool's messages, a progress bar): the CLI, which owns
   * timers, passes a macrotask; without it only promise callbacks get through.
   */
  readonly pause?: () => Promise<void>;
}

export interface ParallelRun {
  readonly done: Promise<RunResult>;
  /** share of the work done, 0..1, readable while `done` is pending */
  progress(): number;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

// Below this many estimated events in all, a plan runs on this thread alone.
// Such a run takes well under a second, and most of that is the JIT warming
// up: a worker is a second isolate compiling the same code from cold while
// competing with this one for the compiler's time, so it costs more than the
// second core gives back. Measured (whole process, 2 cores, the reference
// model's two strategies for 1 h, about 0.12 events per client-round): 10k
// clients (0.29M estimated events) 0.89x the wall time on one thread; 30k
// (0.86M) 1.07x on two; 60k 1.18x on two.
const ONE_THREAD_BELOW_EVENTS = 0.55e6;

/** threads for these jobs when the caller does not say: one per core, at most one per job, one for a small plan */
export function defaultThreads(plan: Plan, jobs: readonly Job[]): number {
  return threadsFor(eventsOf(jobs.map((job) => ({ plan, job }))), jobs.length);
}

/** threads for jobs of this many estimated events in all */
function threadsFor(events: number, jobs: number): number {
  return events < ONE_THREAD_BELOW_EVENTS ? 1 : Math.min(jobs, defaultWorkers());
}

/** the events these jobs are estimated to run, in all: what the thread count and the inlining budget go by */
export function eventsOf(tasks: readonly PlannedJob[]): number {
  return tasks.reduce((sum, t) => sum + estimatedEvents(t.plan, t.plan.strategies[t.job.strategy]), 0);
}

/** A job and the plan it belongs to: a sweep's jobs come from many plans, one per point. */
export interface PlannedJob {
  readonly plan: Plan;
  readonly job: Job;
}

export function startRun(plan: Plan, options: ParallelOptions = {}): ParallelRun {
  return startJobs(
    planJobs(plan, options.strategies).map((job) => ({ plan, job })),
    options,
  );
}

/**
 * Runs the jobs on this thread and worker threads, each thread taking the
 * next job when it is free. `onJob` hears of each job as it finishes (in
 * any order); the results come back in job order.
 */
export function startJobs(jobs: readonly PlannedJob[], options: ParallelOptions = {}, onJob?: (index: number, run: StrategyRun) => void): ParallelRun {
  const events = eventsOf(jobs);
  inliningBudgetFor(events);
  const total = Math.max(1, jobs.length * SLICES);
  const threads = Math.max(1, Math.min(jobs.length, options.workers ?? threadsFor(events, jobs.length)));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const progress = () => Atomics.load(counter, 0) / total;
  // This thread is one of the threads: it would only wait otherwise, and a
  // worker costs a start-up of its own (an isolate, the bundle, a cold JIT).
  const pool =
    threads > 1
      ? new Piscina<Task, StrategyRun>({
          // relative to dist/, so it holds from this module and from the bundled CLI;
          // the worker's own bundle (scripts/bundle.mjs) starts in one file read
          filename: new URL("../parallel/worker.mjs", import.meta.url).href,
          minThreads: threads - 1,
          maxThreads: threads - 1,
          idleTimeout: 0,
        })
      : null;
  const pause = options.pause ?? (() => Promise.resolve());
  // Every thread takes the next job when it is free; results go back in job order.
  const results: StrategyRun[] = new Array(jobs.length);
  let next = 0;
  const finished = (j: number, run: StrategyRun) => {
    results[j] = run;
    onJob?.(j, run);
  };
  const inWorker = async () => {
    for (let j = next++; j < jobs.length; j = next++) {
      const { plan, job } = jobs[j];
      finished(j, await pool!.run({ plan, job, shortcuts: options.shortcuts, progress: counter }));
    }
  };
  const here = async () => {
    for (let j = next++; j < jobs.length; j = next++) {
      const { plan, job } = jobs[j];
      const run = new SlicedRun(plan, plan.strategies[job.strategy], job.replication, options.shortcuts);
      do {
        Atomics.add(counter, 0, 1);
        await pause();
      } while (run.step());
      finished(j, run.finish());
    }
  };
  // the workers take their first jobs before this thread builds its first world
  const loops = [...Array.from({ length: threads - 1 }, inWorker), here()];
  const done = Promise.all(loops).then(
    async () => {
      await pool?.destroy();
      return collect(results);
    },
    async (err: unknown) => {
      await pool?.destroy();
      throw err;
    },
  );
  return { done, progress };
}
