// Linux's retransmission timer, per connection end (one sender each way of
// each client): RFC 6298's smoothed RTT and variation as Linux computes
// them (net/ipv4/tcp_input.c, tcp_rtt_estimator; include/net/tcp.h,
// __tcp_set_rto), in µs.
//
// - Before the first sample the RTO is 1 s (TCP_TIMEOUT_INIT, RFC 6298 2.1).
// - The first sample R: SRTT = R, mdev = 2R, RTTVAR = max(mdev, rto_min),
//   so RTO = R + max(2R, rto_min) (RFC 6298 2.2, with rto_min in place of
//   the clock granularity G: Linux's floor is on the variation term).
// - Later samples: SRTT += (R - SRTT) / 8; mdev += (|R - SRTT| - mdev) / 4,
//   but by only 1/32 when R fell below SRTT (Linux's Eifel-like damping);
//   RTTVAR rises at once to the largest mdev of the current window of data
//   and, once per window (an ACK past the data outstanding when the window
//   began), falls a quarter of the way back to that window's largest mdev
//   (at least rto_min). RTO = SRTT + RTTVAR, at most rto_max.
// - Each expiry doubles the timer (backoff), up to rto_max; an ACK that
//   takes a sample (acknowledges new data) resets the backoff (RFC 6298 5.7).
// Linux keeps SRTT scaled by 8 and mdev by 4 in integer µs; so does this,
// with the same integer steps (>> as floor division of non-negative values;
// a negative error is made positive before its shift, as Linux does). The
// RTO itself Linux keeps in jiffies, rounded up (src/net/ticks.ts); with no
// tick it is exact.

import { Ticks } from "./ticks.js";

const TIMEOUT_INIT_US = 1_000_000;

export interface RtoPlan {
  readonly rtoMinUs: number;
  readonly rtoMaxUs: number;
}

export class RtoEstimator {
  /** smoothed RTT x 8 (0: no sample yet) */
  private readonly srtt8: Float64Array;
  /** mean deviation x 4, the current window's largest, and the variation term, µs */
  private readonly mdev4: Float64Array;
  private readonly mdevMax: Float64Array;
  private readonly rttvar: Float64Array;
  /** the first sequence number sent after the window's first sample: an ACK of it ends the window */
  private readonly windowSeq: Float64Array;
  private readonly backoffs: Uint8Array;
  /** the RTO without backoff as the state above gives it (baseRtoUs), kept up to date: read several times a round, it changes only with a sample */
  private readonly base: Float64Array;

  constructor(
    count: number,
    private readonly plan: RtoPlan,
    private readonly ticks: Ticks = new Ticks(0),
  ) {
    this.srtt8 = new Float64Array(count);
    this.mdev4 = new Float64Array(count);
    this.mdevMax = new Float64Array(count);
    this.rttvar = new Float64Array(count);
    this.windowSeq = new Float64Array(count);
    this.backoffs = new Uint8Array(count);
    this.base = new Float64Array(count).fill(TIMEOUT_INIT_US);
  }

  /** a new connection: no sample, no backoff (Linux keeps no metrics between connections by default here) */
  reset(k: number): void {
    this.srtt8[k] = 0;
    this.mdev4[k] = 0;
    this.mdevMax[k] = 0;
    this.rttvar[k] = 0;
    this.windowSeq[k] = 0;
    this.backoffs[k] = 0;
    this.base[k] = TIMEOUT_INIT_US;
  }

  /** end k's state copied into buf (7 numbers), for a sample to be taken back (restore) */
  save(k: number, buf: Float64Array): void {
    buf[0] = this.srtt8[k];
    buf[1] = this.mdev4[k];
    buf[2] = this.mdevMax[k];
    buf[3] = this.rttvar[k];
    buf[4] = this.windowSeq[k];
    buf[5] = this.backoffs[k];
    buf[6] = this.base[k];
  }
  restore(k: number, buf: Float64Array): void {
    this.srtt8[k] = buf[0];
    this.mdev4[k] = buf[1];
    this.mdevMax[k] = buf[2];
    this.rttvar[k] = buf[3];
    this.windowSeq[k] = buf[4];
    this.backoffs[k] = buf[5];
    this.base[k] = buf[6];
  }

  /** the smoothed RTT of end k, µs (0: no sample yet) */
  srttUs(k: number): number {
    return this.srtt8[k] / 8;
  }

  /** the RTO without backoff, µs */
  baseRtoUs(k: number): number {
    return this.base[k];
  }

  /** the RTO without backoff for a smoothed RTT (x 8, after a sample) and variation term (Linux's __tcp_set_rto, in jiffies rounded up) */
  private baseUs(srtt8: number, rttvar: number): number {
    return this.capped(this.ticks.roundUp(Math.floor(srtt8 / 8) + rttvar));
  }

  /**
   * at most rto_max. The limit is read once: a second read in the branch few
   * runs take would have no type feedback when optimised, and taking it would
   * throw away the optimised code of every caller this is inlined into.
   */
  private capped(us: number): number {
    const maxUs = this.plan.rtoMaxUs;
    return us < maxUs ? us : maxUs;
  }

  /** the timer as armed now: the RTO doubled once per expiry since the last sample, at most rto_max */
  rtoUs(k: number): number {
    const backoffs = this.backoffs[k];
    return this.capped(backoffs === 0 ? this.base[k] : this.base[k] * 2 ** backoffs);
  }

  backoff(k: number): number {
    return this.backoffs[k];
  }

  /** the timer expired: the next one waits twice as long */
  expired(k: number): void {
    if (this.backoffs[k] < 255) this.backoffs[k]++;
  }

  /**
   * An ACK of end k's data up to ackedSeq (the highest sequence number it
   * acknowledges) gives the RTT sample rttUs; nextSeq is the sequence
   * number the end's next new segment will take.
   */
  sample(k: number, rttUs: number, ackedSeq: number, nextSeq: number): void {
    const rtoMin = this.plan.rtoMinUs;
    let m = rttUs;
    let srtt = this.srtt8[k];
    let mdev4 = this.mdev4[k];
    let mdevMax = this.mdevMax[k];
    let rttvar = this.rttvar[k];
    if (srtt !== 0) {
      m -= Math.floor(srtt / 8); // the error of the estimate
      srtt += m; // SRTT = 7/8 SRTT + 1/8 R
      if (m < 0) {
        m = -m - Math.floor(mdev4 / 4);
        if (m > 0) m = Math.floor(m / 8); // a falling RTT moves mdev by 1/32 only
      } else {
        m -= Math.floor(mdev4 / 4);
      }
      mdev4 += m; // mdev = 3/4 mdev + 1/4 |error|
      if (mdev4 > mdevMax) {
        mdevMax = mdev4;
        if (mdevMax > rttvar) rttvar = mdevMax;
      }
      if (ackedSeq >= this.windowSeq[k]) {
        // a window of data acknowledged: the variation decays towards its largest mdev
        if (mdevMax < rttvar) rttvar -= Math.floor((rttvar - mdevMax) / 4);
        this.windowSeq[k] = nextSeq;
        mdevMax = rtoMin;
      }
    } else {
      srtt = m * 8;
      mdev4 = m * 2; // RTO = 3 RTT before the floor
      rttvar = mdev4 > rtoMin ? mdev4 : rtoMin;
      mdevMax = rttvar;
      this.windowSeq[k] = nextSeq;
    }
    srtt = srtt > 1 ? srtt : 1;
    this.srtt8[k] = srtt;
    this.mdev4[k] = mdev4;
    this.mdevMax[k] = mdevMax;
    this.rttvar[k] = rttvar;
    this.backoffs[k] = 0;
    this.base[k] = this.baseUs(srtt, rttvar);
  }
}
