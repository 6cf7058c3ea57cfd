// Runs a plan's jobs on worker threads (piscina), one job per worker at a
// time. Jobs are independent and deterministic, and results are put back in
// job order, so the output is byte-for-byte the sequential run's whatever the
// number of workers.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { QueueKind } from "../model/world.js";
import { collect, planJobs, SLICES, type RunResult } from "../run.js";
import type { Plan } from "../scenario/plan.js";
import type { Task } from "./worker.js";

export interface ParallelOptions {
  readonly strategies?: readonly string[];
  /** worker threads; default: one per core, at most one per job */
  readonly workers?: number;
  readonly queue?: QueueKind;
}

export interface ParallelRun {
  readonly done: Promise<RunResult>;
  /** share of the work done, 0..1, readable while `done` is pending */
  progress(): number;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export function startRun(plan: Plan, options: ParallelOptions = {}): ParallelRun {
  const jobs = planJobs(plan, options.strategies);
  const total = Math.max(1, jobs.length * SLICES);
  const workers = Math.max(1, Math.min(jobs.length, options.workers ?? defaultWorkers()));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const progress = () => Atomics.load(counter, 0) / total;
  const pool = new Piscina<Task, RunResult["runs"][number]>({
    // relative to dist/, so it holds from this module and from the bundled CLI;
    // the worker's own bundle (scripts/bundle.mjs) starts in one file read
    filename: new URL("../parallel/worker.mjs", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 0,
  });
  const runs = Promise.all(jobs.map((job) => pool.run({ plan, job, queue: options.queue, progress: counter })));
  const done = runs.then(
    async (r) => {
      await pool.destroy();
      return collect(r);
    },
    async (err: unknown) => {
      await pool.destroy();
      throw err;
    },
  );
  return { done, progress };
}
