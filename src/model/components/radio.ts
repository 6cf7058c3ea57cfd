// Per-client radio energy (research notes §6): a promotion + tail state
// machine per client over typed arrays. From idle, activity (any tx or rx;
// transfer time ignored) costs a promotion [t, t + promotion) at promotionW;
// the radio then stays up at tailW until `tail` after the later of the
// promotion's end and the last activity, and goes idle. Activity during the
// promotion or the tail restarts the tail without a new promotion. Idle draws
// nothing here: energy counts only what the traffic adds above idle.
import type { RadioPlan } from "../../scenario/plan.js";

const J_PER_W_US = 1e-6;

export class Radios {
  /** end of the current session's promotion (its start is promoEndUs - promotionUs) */
  private readonly promoEndUs: Float64Array;
  /** the instant the radio goes idle; -Infinity for a radio not woken (or already accounted) */
  private readonly idleAtUs: Float64Array;
  // Closed sessions' time in each state, in whole µs: integer sums are exact
  // (below 2^53 µs, 285 years), so the total does not depend on the order the
  // clients' sessions close in, which the exact shortcuts change.
  private promotedUs = 0;
  private tailUs = 0;
  private wakeupCount = 0;

  constructor(
    clients: number,
    private readonly plan: RadioPlan,
  ) {
    this.promoEndUs = new Float64Array(clients);
    this.idleAtUs = new Float64Array(clients).fill(-Infinity);
  }

  /**
   * Client i's radio sends or receives at tUs. The tail covers [.., idleAt):
   * activity exactly at idleAt finds the radio idle and promotes again. Times
   * may repeat or come out of order within a session, never before it.
   */
  activity(i: number, tUs: number): void {
    const { promotionUs, tailUs } = this.plan;
    const idleAt = this.idleAtUs[i];
    if (tUs >= idleAt) {
      if (idleAt !== -Infinity) this.close(i, idleAt);
      this.promoEndUs[i] = tUs + promotionUs;
      this.idleAtUs[i] = tUs + promotionUs + tailUs;
      this.wakeupCount++;
      return;
    }
    const promoEnd = this.promoEndUs[i];
    if (tUs < promoEnd - promotionUs) {
      throw new RangeError(`radio of client ${i}: activity at ${tUs} us precedes its session (from ${promoEnd - promotionUs} us)`);
    }
    const restarted = (tUs > promoEnd ? tUs : promoEnd) + tailUs;
    if (restarted > idleAt) this.idleAtUs[i] = restarted;
  }

  /** Closes every open session at endUs (energy after endUs is not counted). Call once, at the end. */
  finish(endUs: number): void {
    const idleAt = this.idleAtUs;
    for (let i = 0; i < idleAt.length; i++) {
      if (idleAt[i] === -Infinity) continue;
      this.close(i, idleAt[i] < endUs ? idleAt[i] : endUs);
      idleAt[i] = -Infinity;
    }
  }

  /** radio energy of every closed session, joules (all of it after finish) */
  get energyJ(): number {
    const { promotionW, tailW } = this.plan;
    return (this.promotedUs * promotionW + this.tailUs * tailW) * J_PER_W_US;
  }

  /** promotions from idle */
  get wakeups(): number {
    return this.wakeupCount;
  }

  /** client i's radio is up (promoting or in its tail) at tUs, as far as activity so far shows */
  isUp(i: number, tUs: number): boolean {
    return tUs < this.idleAtUs[i] && tUs >= this.promoEndUs[i] - this.plan.promotionUs;
  }

  /** counts client i's session from its start until untilUs (<= its idle instant) */
  private close(i: number, untilUs: number): void {
    const promoEnd = this.promoEndUs[i];
    const promoted = Math.min(untilUs, promoEnd) - (promoEnd - this.plan.promotionUs);
    const tail = untilUs - promoEnd;
    if (promoted > 0) this.promotedUs += promoted;
    if (tail > 0) this.tailUs += tail;
  }
}
