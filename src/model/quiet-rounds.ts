// Quiet heartbeat rounds, run at once. In steady state a connection's
// round is one timer firing and two messages: HB and ACK (client heartbeats)
// or PING and PONG (per-client pings), both delivered, nothing else going on
// for that client. Such a round changes only counters, two last-heard times
// and the link streams, and which round is quiet is known the moment its
// messages' fates are drawn. So when a timer fires in steady state, the
// rounds from there on are drawn and applied at once, in round order, until
// one is not quiet; that round's draws are taken back (the link streams are
// counter-based: a rewound counter draws the same numbers again) and its
// timer is scheduled as usual, so the event-by-event model runs it.
//
// Nothing else may touch the client while its rounds run ahead: no message
// of its on the way (checked), no deadline or watch pending (checked), and
// nothing server-wide or path-wide in the scenario (restarts, outages, NAT,
// app traffic, radios, TCP, adaptive intervals, jitter, piggyback, a global
// tick, a detector other than the timeout: the world turns this off). Each
// round is run ahead only if every check the event-by-event model makes in
// that round (is the deadline due before the next visit, does the answer
// arrive in time, is the client alive when the message lands, does the
// round end before the next timer and the end of the run) comes out the way
// that leaves the state as it was; otherwise the events run it. The outputs
// are the same, byte for byte, apart from the number of events
// (test/model/quiet-rounds.test.ts); a quiet round costs four random
// numbers and a few counters instead of two or three events.
import type { Link } from "../net/link.js";
import type { Recorder } from "../metrics/recorder.js";
import type { AckBook } from "./ack-book.js";
import { CLIENT, DOWNLINK_BAD_BIT, DOWNLINK_COUNTER, FLAGS, STRIDE, UPLINK_BAD_BIT, UPLINK_COUNTER, type ClientTable } from "./state.js";

const LINK_BITS = UPLINK_BAD_BIT | DOWNLINK_BAD_BIT;

export interface QuietRoundsPlan {
  readonly intervalUs: number;
  /** the server's timeout */
  readonly timeoutUs: number;
  /** the client's timeout on the server */
  readonly clientTimeoutUs: number;
  readonly horizonUs: number;
  /** client heartbeats are answered with ACKs */
  readonly ack: boolean;
}

export class QuietRounds {
  /** per client: the latest arrival of any message of its scheduled as an event */
  readonly inFlightUntilUs: Float64Array;
  private readonly rec: Float64Array;

  constructor(
    private readonly state: ClientTable,
    private readonly up: Link,
    private readonly down: Link,
    private readonly recorder: Recorder,
    private readonly plan: QuietRoundsPlan,
  ) {
    this.rec = state.rec;
    this.inFlightUntilUs = new Float64Array(state.count).fill(-1);
  }

  /** a message of client i's, sent either way, reaches its end at atUs */
  onTheWay(i: number, atUs: number): void {
    if (this.inFlightUntilUs[i] < atUs) this.inFlightUntilUs[i] = atUs;
  }

  /**
   * Client i's heartbeat timer for connection conn fires at now. Runs the
   * quiet rounds from now on and returns when the first round it did not
   * run fires (now: none ran). `acks`: the ACK book (null: no ACKs, or
   * ACKs run as events, which this leaves to the events).
   */
  clientBeats(i: number, conn: number, now: number, acks: AckBook | null): number {
    const t = this.state;
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED || !t.alive(i, now) || !t.tracks(i, conn)) return now;
    // steady state: the deadline left to this beat, no watch pending, nothing on its way
    if (!t.deadlineDeferred(i) || t.deadlineArmed(i) || t.deadlineAwaits(i)) return now;
    if (t.watchArmed(i) || t.watchAwaits(i) || t.watchDeferred(i) || !(this.inFlightUntilUs[i] < now)) return now;
    if (acks !== null) {
      acks.settle(i, now); // the beat's own first look at its ACKs, taken early
      if (acks.holds(i)) return now;
    } else if (this.plan.ack) {
      return now; // ACKs that run as events
    }
    const { intervalUs, timeoutUs, clientTimeoutUs, horizonUs } = this.plan;
    const rec = this.rec;
    const at = i * STRIDE;
    const crashUs = rec[at];
    let served = t.serverHeard(i);
    let heard = t.clientHeard(i);
    let fire = now;
    for (;;) {
      const next = fire + intervalUs;
      if (next > horizonUs || !(fire < crashUs)) break;
      const upCount = rec[at + UPLINK_COUNTER];
      const downCount = rec[at + DOWNLINK_COUNTER];
      const bits = rec[at + FLAGS] & LINK_BITS;
      const d = this.up.transmit(i);
      const arrive = fire + d;
      let answer = arrive;
      if (d >= 0 && acks !== null) {
        const e = this.down.transmit(i);
        answer = e >= 0 ? arrive + e : -1;
      }
      // The beat's look at the client's watch: due after the next beat, or
      // (a watch shorter than two intervals) due after this heartbeat's ACK.
      const watchDue = heard + clientTimeoutUs;
      const watchHolds = acks === null || watchDue > next || (arrive < watchDue && answer <= watchDue);
      // lost, out of step with the next beat, the client dead by the ACK, or a deadline or watch armed: the events run it
      if (d < 0 || answer < 0 || !(answer < next) || !(answer < crashUs) || !watchHolds || !(arrive <= served + timeoutUs) || !(next < arrive + timeoutUs)) {
        rec[at + UPLINK_COUNTER] = upCount;
        rec[at + DOWNLINK_COUNTER] = downCount;
        rec[at + FLAGS] = (rec[at + FLAGS] & ~LINK_BITS) | bits;
        break;
      }
      const r = this.recorder;
      r.clientTx++;
      r.messageIn(arrive);
      served = arrive;
      if (acks !== null) {
        r.messageOut(arrive);
        r.clientRx++;
        heard = answer;
      }
      fire = next;
    }
    if (fire !== now) {
      t.setServerHeard(i, served);
      if (acks !== null) t.setClientHeard(i, heard);
    }
    return fire;
  }

  /**
   * The server's ping timer for client i's connection conn fires at now.
   * Runs the quiet rounds from now on and returns when the first round it
   * did not run fires (now: none ran).
   */
  serverPings(i: number, conn: number, now: number): number {
    const t = this.state;
    if (!t.tracks(i, conn) || t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED) return now;
    // steady state: the watch left to this ping, no deadline pending, nothing on its way
    if (!t.watchDeferred(i) || t.watchArmed(i) || t.watchAwaits(i)) return now;
    if (t.deadlineArmed(i) || t.deadlineAwaits(i) || t.deadlineDeferred(i) || !(this.inFlightUntilUs[i] < now)) return now;
    const { intervalUs, timeoutUs, clientTimeoutUs, horizonUs } = this.plan;
    const rec = this.rec;
    const at = i * STRIDE;
    const crashUs = rec[at];
    let served = t.serverHeard(i);
    let heard = t.clientHeard(i);
    let fire = now;
    for (;;) {
      const next = fire + intervalUs;
      if (next > horizonUs) break;
      const upCount = rec[at + UPLINK_COUNTER];
      const downCount = rec[at + DOWNLINK_COUNTER];
      const bits = rec[at + FLAGS] & LINK_BITS;
      const d = this.down.transmit(i);
      const ping = fire + d;
      const e = d >= 0 && ping < crashUs ? this.up.transmit(i) : -1;
      const pong = ping + e;
      // The ping's look at the server's deadline: due after the next ping,
      // or (a deadline shorter than two intervals) due after this ping's PONG.
      const due = served + timeoutUs;
      const deadlineHolds = due > next || (ping < due && pong <= due);
      // lost, the client dead by then, out of step with the next ping, or a deadline or watch armed: the events run it
      if (e < 0 || !(pong < next) || !deadlineHolds || !(ping <= heard + clientTimeoutUs) || !(next < ping + clientTimeoutUs)) {
        rec[at + UPLINK_COUNTER] = upCount;
        rec[at + DOWNLINK_COUNTER] = downCount;
        rec[at + FLAGS] = (rec[at + FLAGS] & ~LINK_BITS) | bits;
        break;
      }
      const r = this.recorder;
      r.messageOut(fire);
      r.clientRx++;
      r.clientTx++;
      r.messageIn(pong);
      heard = ping;
      served = pong;
      fire = next;
    }
    if (fire !== now) {
      t.setServerHeard(i, served);
      t.setClientHeard(i, heard);
    }
    return fire;
  }
}
