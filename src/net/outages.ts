// Per-client path outages: alternating up and down periods with exponential
// lengths (means meanUpUs, meanDownUs), drawn from the client's own
// counter-based stream, so every strategy sees the same outages. State is
// advanced lazily per client (typed arrays; time only moves forward per
// client), and the sequence of periods does not depend on when it is asked.
//
// The process starts stationary: at time 0 a client is down with
// probability meanDown / (meanUp + meanDown), and (exponentials being
// memoryless) its first period is a fresh draw of that state's length, so
// the chance of being down is the long-run fraction at every instant.
import type { ClientStreams } from "../random/counter-rng.js";
import { exponential } from "../random/distributions.js";
import type { OutagesPlan } from "../scenario/plan.js";

export class Outages {
  private readonly down: Uint8Array;
  /** start of the current period; -1 before the client's first query */
  private readonly sinceUs: Float64Array;
  /** end of the current period, when the state flips */
  private readonly untilUs: Float64Array;
  private readonly downProbability: number;

  /** `rng` must be a sequential stream (ClientStreams(key, clients, true)) used by nothing else. */
  constructor(
    private readonly plan: OutagesPlan,
    private readonly rng: ClientStreams,
    clients: number,
  ) {
    this.down = new Uint8Array(clients);
    this.sinceUs = new Float64Array(clients).fill(-1);
    this.untilUs = new Float64Array(clients);
    this.downProbability = plan.meanDownUs / (plan.meanUpUs + plan.meanDownUs);
  }

  /** client i's path is down at tUs (periods are [since, until)) */
  isDown(i: number, tUs: number): boolean {
    this.advance(i, tUs);
    return this.down[i] === 1;
  }

  /** when client i's state at tUs ends (the next flip after tUs) */
  periodEndUs(i: number, tUs: number): number {
    this.advance(i, tUs);
    return this.untilUs[i];
  }

  /** when client i's state at tUs began (0 for the first period) */
  periodStartUs(i: number, tUs: number): number {
    this.advance(i, tUs);
    return this.sinceUs[i];
  }

  private advance(i: number, tUs: number): void {
    if (this.sinceUs[i] < 0) this.begin(i);
    if (tUs < this.sinceUs[i]) {
      throw new RangeError(`outages of client ${i}: asked about ${tUs} us after moving on to ${this.sinceUs[i]} us`);
    }
    while (tUs >= this.untilUs[i]) {
      const nowDown = this.down[i] === 1 ? 0 : 1;
      this.down[i] = nowDown;
      this.sinceUs[i] = this.untilUs[i];
      this.untilUs[i] += this.draw(i, nowDown);
    }
  }

  private begin(i: number): void {
    const nowDown = this.rng.next(i) < this.downProbability ? 1 : 0;
    this.down[i] = nowDown;
    this.sinceUs[i] = 0;
    this.untilUs[i] = this.draw(i, nowDown);
  }

  /** a period length in whole µs, at least 1 so time always moves on */
  private draw(i: number, down: number): number {
    const mean = down === 1 ? this.plan.meanDownUs : this.plan.meanUpUs;
    return Math.max(1, Math.round(exponential(this.rng.next(i), mean)));
  }
}
