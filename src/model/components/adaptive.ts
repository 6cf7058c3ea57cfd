// A WeChat-style "smart heartbeat" interval controller (Tencent Mars; research
// notes §5) as a per-client state machine over typed arrays. The caller
// reports each heartbeat period's outcome: success (the connection stayed
// healthy through it) or failure (it broke), and reads the next interval.
//
// Probing: start at min; after `successes` successes at an interval, step up
// by `step` (never past max). A failure while probing settles the client at
// (last interval that had a success - settleBack), at least min: just below
// the critical value the probe ran into (usually a NAT idle timeout).
// Settled: the interval stays; `failures` consecutive failures (a success in
// between resets the count) mean the path changed, so probing restarts at min.
import type { AdaptivePlan } from "../../scenario/plan.js";

export class AdaptiveIntervals {
  private readonly currentUs: Float64Array;
  /** the latest interval that had a success while probing; 0 = none yet */
  private readonly lastGoodUs: Float64Array;
  /** successes at the current interval (probing) */
  private readonly streak: Uint32Array;
  /** consecutive failures (settled) */
  private readonly failed: Uint32Array;
  private readonly settled: Uint8Array;

  constructor(
    clients: number,
    private readonly plan: AdaptivePlan,
  ) {
    this.currentUs = new Float64Array(clients).fill(plan.minUs);
    this.lastGoodUs = new Float64Array(clients);
    this.streak = new Uint32Array(clients);
    this.failed = new Uint32Array(clients);
    this.settled = new Uint8Array(clients);
  }

  /** client i's heartbeat interval now, µs */
  intervalUs(i: number): number {
    return this.currentUs[i];
  }

  isSettled(i: number): boolean {
    return this.settled[i] === 1;
  }

  /** A healthy period at the current interval; returns the next interval. */
  success(i: number): number {
    if (this.settled[i] === 1) {
      this.failed[i] = 0;
      return this.currentUs[i];
    }
    const { stepUs, maxUs, successes } = this.plan;
    const current = this.currentUs[i];
    this.lastGoodUs[i] = current;
    this.streak[i]++;
    if (this.streak[i] >= successes && current < maxUs) {
      this.currentUs[i] = current + stepUs < maxUs ? current + stepUs : maxUs;
      this.streak[i] = 0;
    }
    return this.currentUs[i];
  }

  /** The connection broke during a period at the current interval; returns the next interval. */
  failure(i: number): number {
    const { minUs, settleBackUs, failures } = this.plan;
    if (this.settled[i] === 1) {
      if (++this.failed[i] >= failures) this.restart(i);
      return this.currentUs[i];
    }
    this.streak[i] = 0;
    const good = this.lastGoodUs[i];
    // nothing has worked yet: stay at min and keep trying
    if (good === 0) return this.currentUs[i];
    this.currentUs[i] = good - settleBackUs > minUs ? good - settleBackUs : minUs;
    this.settled[i] = 1;
    this.failed[i] = 0;
    return this.currentUs[i];
  }

  /** Probing from min again (also the state every client starts in). */
  restart(i: number): void {
    this.currentUs[i] = this.plan.minUs;
    this.lastGoodUs[i] = 0;
    this.streak[i] = 0;
    this.failed[i] = 0;
    this.settled[i] = 0;
  }
}
