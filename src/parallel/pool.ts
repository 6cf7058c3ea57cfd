// Runs a plan's jobs on several threads: this one and worker threads
// (piscina), each taking the next job when it is free. Jobs are independent
// and deterministic, and results are put back in job order, so the output is
// byte-for-byte the sequential run's whatever the number of threads.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { QueueKind } from "../model/world.js";
import { collect, planJobs, SlicedRun, SLICES, type RunResult } from "../run.js";
import type { Plan } from "../scenario/plan.js";
import type { Task } from "./worker.js";

export interface ParallelOptions {
  readonly strategies?: readonly string[];
  /** threads running jobs, this one included; default: one per core, at most one per job */
  readonly workers?: number;
  readonly queue?: QueueKind;
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

export function startRun(plan: Plan, options: ParallelOptions = {}): ParallelRun {
  const jobs = planJobs(plan, options.strategies);
  const total = Math.max(1, jobs.length * SLICES);
  const threads = Math.max(1, Math.min(jobs.length, options.workers ?? defaultWorkers()));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const progress = () => Atomics.load(counter, 0) / total;
  // This thread is one of the threads: it would only wait otherwise, and a
  // worker costs a start-up of its own (an isolate, the bundle, a cold JIT).
  const pool =
    threads > 1
      ? new Piscina<Task, RunResult["runs"][number]>({
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
  const results: RunResult["runs"][number][] = new Array(jobs.length);
  let next = 0;
  const inWorker = async () => {
    for (let j = next++; j < jobs.length; j = next++) {
      results[j] = await pool!.run({ plan, job: jobs[j], queue: options.queue, progress: counter });
    }
  };
  const here = async () => {
    for (let j = next++; j < jobs.length; j = next++) {
      const job = jobs[j];
      const run = new SlicedRun(plan, plan.strategies[job.strategy], job.replication, options.queue);
      do {
        Atomics.add(counter, 0, 1);
        await pause();
      } while (run.step());
      results[j] = run.finish();
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
