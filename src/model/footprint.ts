// How much memory a run will take, estimated before it starts, so a scenario
// too big for the machine is refused up front instead of failing an hour in.
import type { Plan, StrategyPlan } from "../scenario/plan.js";
import { specOf } from "../strategies/detectors/registry.js";
import { STATE_BYTES_PER_CLIENT } from "./state.js";

// Measured shape of a run, per client: model state, four link stream
// counters, the recorder's per-client columns (and its detected flag), about four pending events of
// 24 bytes each in the queue (grown by doubling, so up to twice that), and
// three 8-byte columns: the heartbeat timer's next firing (the other side's
// deadline waits for it), the connect instants sorted at the start, and the
// last arrival on the way (quiet rounds run ahead only after it).
const LINK_BYTES = 4 * 4 + 2;
const RECORDER_BYTES = 3 * 8 + 1; // three columns and the detected flag
const QUEUE_BYTES = 2 * 4 * 24;
const PER_CLIENT = STATE_BYTES_PER_CLIENT + LINK_BYTES + RECORDER_BYTES + QUEUE_BYTES + 3 * 8;
const BASE_BYTES = 80 * 1024 * 1024; // Node itself and the modules

/** a detector's own per-client columns (each detector's spec says how many) */
function detectorBytesPerClient(plan: Plan, s: StrategyPlan): number {
  return specOf(s.detector).bytesPerClient(s.detector, plan, s);
}

/**
 * The TCP transport's columns: both directions' sequence state (16 bytes
 * each) and the segments in flight, a couple per client at 29 bytes, grown
 * by doubling (so up to twice that).
 */
function tcpBytesPerClient(plan: Plan): number {
  return plan.network.transport.kind === "tcp" ? 2 * 16 + 2 * 2 * 29 : 0;
}

/**
 * Estimated peak bytes for running `strategies` strategies of the plan, at
 * most `concurrent` of them at once (worker threads). Measured here: about
 * 170 bytes per client and run in flight (ref-100k: 135 MiB, ref-1m: 420 MiB
 * on two workers); the estimate stays on the safe side of that.
 */
export function estimateMemoryBytes(plan: Plan, strategies: number, concurrent = 1): number {
  const buckets = Math.ceil(plan.durationUs / plan.bucketUs);
  // the hungriest detector sets the peak of every run in flight
  const detector = Math.max(0, ...plan.strategies.map((s) => detectorBytesPerClient(plan, s)));
  const perRun = plan.clients.count * (PER_CLIENT + detector + tcpBytesPerClient(plan)) + buckets * 5 * 8;
  const inFlight = Math.max(1, Math.min(concurrent, strategies * plan.replications));
  // results of finished runs stay until the files are written: series and release rows
  const kept = strategies * plan.replications * (buckets * 5 * 8 + plan.clients.count * 8);
  return BASE_BYTES + inFlight * perRun + kept;
}
