// Running a plan for the CLI: on this thread and worker threads when there is
// more than one job and more than one thread, otherwise in this thread alone. Either way the
// result is the same, byte for byte; only the wall time differs.
import { defaultWorkers, startRun } from "../parallel/pool.js";
import { planJobs, runPlan, type RunResult } from "../run.js";
import type { Plan } from "../scenario/plan.js";

const PROGRESS_EVERY_MS = 200;

export async function simulate(
  plan: Plan,
  strategies: readonly string[] | undefined,
  workers: number | undefined,
  onProgress?: (done: number) => void,
): Promise<RunResult> {
  const jobs = planJobs(plan, strategies).length;
  const threads = Math.min(jobs, workers ?? defaultWorkers());
  if (threads <= 1) return runPlan(plan, { strategies, onProgress });
  // between its own slices this thread lets the pool's messages and the progress bar through
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const run = startRun(plan, { strategies, workers: threads, pause });
  const timer = onProgress ? setInterval(() => onProgress(run.progress()), PROGRESS_EVERY_MS) : undefined;
  try {
    return await run.done;
  } finally {
    if (timer) clearInterval(timer);
  }
}
