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

/** an end's fields in its record (see RtoEstimator) */
const SRTT8 = 0; // smoothed RTT x 8 (0: no sample yet)
const MDEV4 = 1; // mean deviation x 4, µs
const MDEV_MAX = 2; // the current window's largest mdev x 4
const RTTVAR = 3; // the variation term, µs
const WINDOW_SEQ = 4; // the first sequence number sent after the window's first sample: an ACK of it ends the window
const BACKOFFS = 5; // expiries since the last sample (at most 255)
const BASE = 6; // the RTO without backoff as the fields above give it (set by sample), kept: read several times a round, it changes only with a sample
/** the numbers save and restore copy */
export const RTO_FIELDS = 7;

/**
 * The estimators of count ends, each end's fields side by side in one
 * record (a Float64Array of stride RTO_FIELDS, or the caller's own records
 * with the fields at an offset): a round reads and writes most of them, and
 * at a million clients one cache line instead of seven is what decides the
 * speed.
 */
export class RtoEstimator {
  private readonly rec: Float64Array;
  private readonly stride: number;
  private readonly offset: number;

  constructor(
    count: number,
    private readonly plan: RtoPlan,
    private readonly ticks: Ticks = new Ticks(0),
    records?: { readonly rec: Float64Array; readonly stride: number; readonly offset: number },
  ) {
    this.rec = records?.rec ?? new Float64Array(count * RTO_FIELDS);
    this.stride = records?.stride ?? RTO_FIELDS;
    this.offset = records?.offset ?? 0;
    for (let k = 0; k < count; k++) this.reset(k);
  }

  private at(k: number): number {
    return k * this.stride + this.offset;
  }

  /** a new connection: no sample, no backoff (Linux keeps no metrics between connections by default here) */
  reset(k: number): void {
    const rec = this.rec;
    const at = this.at(k);
    for (let f = 0; f < BASE; f++) rec[at + f] = 0;
    rec[at + BASE] = TIMEOUT_INIT_US;
  }

  /** end k's state copied into buf (RTO_FIELDS numbers), for a sample to be taken back (restore) */
  save(k: number, buf: Float64Array): void {
    const rec = this.rec;
    const at = this.at(k);
    for (let f = 0; f < RTO_FIELDS; f++) buf[f] = rec[at + f];
  }
  restore(k: number, buf: Float64Array): void {
    const rec = this.rec;
    const at = this.at(k);
    for (let f = 0; f < RTO_FIELDS; f++) rec[at + f] = buf[f];
  }

  /** the smoothed RTT of end k, µs (0: no sample yet) */
  srttUs(k: number): number {
    return this.rec[this.at(k) + SRTT8] / 8;
  }

  /** the RTO without backoff, µs */
  baseRtoUs(k: number): number {
    return this.rec[this.at(k) + BASE];
  }

  /** the timer as armed now: the RTO doubled once per expiry since the last sample, at most rto_max */
  rtoUs(k: number): number {
    const at = this.at(k);
    const backoffs = this.rec[at + BACKOFFS];
    const backed = backoffs === 0 ? this.rec[at + BASE] : this.rec[at + BASE] * 2 ** backoffs;
    return backed < this.plan.rtoMaxUs ? backed : this.plan.rtoMaxUs;
  }

  backoff(k: number): number {
    return this.rec[this.at(k) + BACKOFFS];
  }

  /** the timer expired: the next one waits twice as long */
  expired(k: number): void {
    const at = this.at(k) + BACKOFFS;
    if (this.rec[at] < 255) this.rec[at]++;
  }

  /**
   * An ACK of end k's data up to ackedSeq (the highest sequence number it
   * acknowledges) gives the RTT sample rttUs; nextSeq is the sequence
   * number the end's next new segment will take.
   */
  sample(k: number, rttUs: number, ackedSeq: number, nextSeq: number): void {
    const rtoMin = this.plan.rtoMinUs;
    const rec = this.rec;
    const at = this.at(k);
    let m = rttUs;
    let srtt = rec[at + SRTT8];
    let mdev4 = rec[at + MDEV4];
    let mdevMax = rec[at + MDEV_MAX];
    let rttvar = rec[at + RTTVAR];
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
      if (ackedSeq >= rec[at + WINDOW_SEQ]) {
        // a window of data acknowledged: the variation decays towards its largest mdev
        if (mdevMax < rttvar) rttvar -= Math.floor((rttvar - mdevMax) / 4);
        rec[at + WINDOW_SEQ] = nextSeq;
        mdevMax = rtoMin;
      }
    } else {
      srtt = m * 8;
      mdev4 = m * 2; // RTO = 3 RTT before the floor
      rttvar = mdev4 > rtoMin ? mdev4 : rtoMin;
      mdevMax = rttvar;
      rec[at + WINDOW_SEQ] = nextSeq;
    }
    srtt = srtt > 1 ? srtt : 1;
    rec[at + SRTT8] = srtt;
    rec[at + MDEV4] = mdev4;
    rec[at + MDEV_MAX] = mdevMax;
    rec[at + RTTVAR] = rttvar;
    rec[at + BACKOFFS] = 0;
    // the RTO without backoff (Linux's __tcp_set_rto), in jiffies rounded up
    const rto = this.ticks.roundUp(Math.floor(srtt / 8) + rttvar);
    rec[at + BASE] = rto < this.plan.rtoMaxUs ? rto : this.plan.rtoMaxUs;
  }
}
