// A worker thread's task: one (strategy, replication) job of a plan. The
// progress counter is shared memory, so reporting it costs an atomic add,
// not a message.
import { runJob, type Job } from "../run.js";
import type { Shortcuts } from "../model/shortcuts.js";
import type { Plan } from "../scenario/plan.js";
import type { StrategyRun } from "../metrics/types.js";

export interface Task {
  readonly plan: Plan;
  readonly job: Job;
  readonly shortcuts?: Shortcuts;
  /** slices done, summed over every job of the pool */
  readonly progress: Int32Array;
}

export default function work(task: Task): StrategyRun {
  const { progress } = task;
  return runJob(task.plan, task.job, () => void Atomics.add(progress, 0, 1), task.shortcuts);
}
