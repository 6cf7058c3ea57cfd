// Running a plan for the CLI: on worker threads when there is more than one
// job and more than one worker, otherwise in this thread. Either way the
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
  const run = startRun(plan, { strategies, workers: threads });
  const timer = onProgress ? setInterval(() => onProgress(run.progress()), PROGRESS_EVERY_MS) : undefined;
  try {
    return await run.done;
  } finally {
    if (timer) clearInterval(timer);
  }
}
