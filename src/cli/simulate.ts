// Running a plan for the CLI: on this thread, with worker threads when there
// is more than one job and more than one thread (src/parallel/pool.ts).
// Either way the result is the same, byte for byte; only the wall time differs.
import { startRun } from "../parallel/pool.js";
import type { RunResult } from "../run.js";
import type { Plan } from "../scenario/plan.js";
import { startProgress } from "./progress.js";

const PROGRESS_EVERY_MS = 200;

/** Runs the plan (these strategies, or all), with a progress bar unless quiet. */
export async function simulate(
  plan: Plan,
  strategies: readonly string[] | undefined,
  workers: number | undefined,
  quiet: boolean,
): Promise<RunResult> {
  const progress = startProgress(plan.name, !quiet);
  try {
    return await simulateWith(plan, strategies, workers, progress.onProgress);
  } finally {
    progress.stop();
  }
}

async function simulateWith(
  plan: Plan,
  strategies: readonly string[] | undefined,
  workers: number | undefined,
  onProgress?: (done: number) => void,
): Promise<RunResult> {
  // between its own slices this thread lets the pool's messages and the progress bar through
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const run = startRun(plan, { strategies, workers, pause });
  const timer = onProgress ? setInterval(() => onProgress(run.progress()), PROGRESS_EVERY_MS) : undefined;
  try {
    return await run.done;
  } finally {
    if (timer) clearInterval(timer);
  }
}
