// Phi accrual (Akka's PhiAccrualFailureDetector, accrual.ts):
// released when phi reaches the threshold. Phi is increasing in the silence,
// so instead of polling it each connection keeps one pending deadline at the
// instant phi would reach the threshold. A heartbeat can move that instant
// earlier (a tighter fit) or later; only an earlier one needs a new event, a
// later one is picked up when the pending deadline fires and re-arms itself.
// Deadlines run late in their instant, so a heartbeat landing on one counts.
import { PhiWindows } from "./accrual.js";
import { EV, LATE } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import type { DetectorPlan, Plan, StrategyPlan } from "../../../scenario/plan.js";
import { SelfTimedDetector } from "../self-timed.js";

type PhiPlan = Extract<DetectorPlan, { kind: "phi" }>;

/**
 * Samples kept per connection: the window, but never more than one
 * connection can fill in the run (its heartbeats, the shortest period apart,
 * plus Akka's two bootstrap samples), so memory follows the run, not the setting.
 */
export function phiCapacity(plan: Plan, s: StrategyPlan, d: PhiPlan): number {
  const shortestUs = Math.max(1, Math.floor(s.intervalUs * (1 - s.jitter)));
  return Math.min(d.window, Math.floor(plan.durationUs / shortestUs) + 1 + 2);
}

export class PhiDetector extends SelfTimedDetector {
  private w!: ModelContext;
  private windows!: PhiWindows;
  /** per client: the one deadline that counts; an event at any other instant is stale */
  private dueUs!: Float64Array;
  /** per client: when phi reaches the threshold; the fit only changes with a heartbeat, so it is kept */
  private suspectUs!: Float64Array;

  constructor(private readonly d: PhiPlan) {
    super();
  }

  install(w: ModelContext): void {
    this.w = w;
    const d = this.d;
    const capacity = phiCapacity(w.plan, w.strategy, d);
    this.windows = new PhiWindows(w.count, capacity, d.threshold, d.minStdDevUs, d.acceptablePauseUs);
    this.dueUs = new Float64Array(w.count);
    this.suspectUs = new Float64Array(w.count);
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  tracked(i: number, conn: number, now: number): void {
    this.windows.start(i, now, this.w.strategy.intervalUs);
    this.suspectUs[i] = this.windows.suspectAtUs(i);
    this.arm(i, conn, this.suspectUs[i], now);
  }

  heard(i: number, conn: number, now: number): void {
    this.windows.heartbeat(i, now);
    const at = this.windows.suspectAtUs(i);
    this.suspectUs[i] = at;
    if (at < this.dueUs[i]) this.arm(i, conn, at, now);
  }

  // a fit that puts the threshold before now (a low threshold, a wide fit) releases at once, late in this instant
  private arm(i: number, conn: number, atUs: number, now: number): void {
    const due = atUs > now ? atUs : now;
    this.dueUs[i] = due;
    this.w.sim.scheduleLate(due, EV.SERVER_DEADLINE, i, conn, LATE.SERVER);
  }

  private deadline(i: number, conn: number, now: number): void {
    if (!this.w.state.tracks(i, conn) || now !== this.dueUs[i]) return;
    const at = this.suspectUs[i];
    if (now >= at) this.w.serverSide.release(i, now);
    else this.arm(i, conn, at, now);
  }
}
