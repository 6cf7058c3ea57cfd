// How much memory a run will take, estimated before it starts, so a scenario
// too big for the machine is refused up front instead of failing an hour in.
import type { Plan } from "../scenario/plan.js";
import { STATE_BYTES_PER_CLIENT } from "./state.js";

// Measured shape of a run, per client: model state, four link stream
// counters, the recorder's per-client columns, and about four pending events
// of 24 bytes each in the queue (grown by doubling, so up to twice that).
const LINK_BYTES = 4 * 4 + 2;
const RECORDER_BYTES = 3 * 8;
const QUEUE_BYTES = 2 * 4 * 24;
const PER_CLIENT = STATE_BYTES_PER_CLIENT + LINK_BYTES + RECORDER_BYTES + QUEUE_BYTES + 8;
const BASE_BYTES = 80 * 1024 * 1024; // Node itself and the modules

/** estimated peak bytes for running `strategies` strategies of the plan one after another */
export function estimateMemoryBytes(plan: Plan, strategies: number): number {
  const buckets = Math.ceil(plan.durationUs / plan.bucketUs);
  const perRun = plan.clients.count * PER_CLIENT + buckets * 5 * 8;
  // results of finished runs stay until the files are written: series and release rows
  const kept = strategies * plan.replications * (buckets * 5 * 8 + plan.clients.count * 8);
  return BASE_BYTES + perRun + kept;
}
