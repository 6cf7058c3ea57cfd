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
//
// Delays drawn lazily: with bounded delay laws (constant, uniform) a round's
// checks usually hold for any delays within the bounds, and its arrival's
// time-series bucket is usually the same at both bounds. Then only the loss
// draws are made; the delay draws are stepped over (their stream positions
// kept), and a delay is computed from its position only when something
// needs its value: a check the bounds cannot settle, a bucket edge, the
// last-heard times left when the rounds stop. Half the hashing of a round
// goes, and nothing else changes: the same numbers sit at the same positions.
import type { Link } from "../net/link.js";
import type { Recorder } from "../metrics/recorder.js";
import type { AckBook } from "./ack-book.js";
import type { ArrivalWatcher } from "./network.js";
import { CLIENT, type ClientTable, type LinkView } from "./state.js";


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

export class QuietRounds implements ArrivalWatcher {
  /** per client: the latest arrival of any message of its scheduled as an event */
  private readonly inFlightUntilUs: Float64Array;
  private readonly view: LinkView;

  constructor(
    private readonly state: ClientTable,
    private readonly up: Link,
    private readonly down: Link,
    private readonly recorder: Recorder,
    private readonly plan: QuietRoundsPlan,
  ) {
    this.view = state.linkView();
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
    const { words: rec, stride, crash, up: upSlot, down: downSlot, flags: flagsSlot, linkBits } = this.view;
    const at = i * stride;
    const crashUs = rec[at + crash];
    const r = this.recorder;
    const acked = acks !== null;
    // Delays drawn lazily (see the class comment): the last-heard times as
    // "fire + the delay at these stream positions" until an exact value is needed.
    const upLaw = this.up.deferrable;
    const downLaw = this.down.deferrable;
    const lazy = upLaw !== null && (!acked || downLaw !== null);
    let served = t.serverHeard(i);
    let heard = t.clientHeard(i);
    let servedFire = 0;
    let servedUp = -1; // -1: served is exact
    let heardFire = 0;
    let heardUp = -1; // -1: heard is exact
    let heardDown = -1;
    let fire = now;
    for (;;) {
      const next = fire + intervalUs;
      if (next > horizonUs || !(fire < crashUs)) break;
      const upCount = rec[at + upSlot];
      const downCount = rec[at + downSlot];
      const bits = rec[at + flagsSlot] & linkBits;
      if (lazy) {
        // The usual round on the delays' bounds alone: both messages through,
        // and every check holding for any delays within the bounds.
        let quiet = false;
        if (this.up.delivered(i)) {
          const dAt = rec[at + upSlot];
          rec[at + upSlot] = dAt + upLaw.draws;
          let eAt = -1;
          if (acked && this.down.delivered(i)) {
            eAt = rec[at + downSlot];
            rec[at + downSlot] = eAt + downLaw!.draws;
          }
          if (!acked || eAt >= 0) {
            const arriveLo = fire + upLaw.loUs;
            const arriveHi = fire + upLaw.hiUs;
            const servedLo = servedUp < 0 ? served : servedFire + upLaw.loUs;
            quiet = arriveHi < next && arriveHi <= servedLo + timeoutUs && next < arriveLo + timeoutUs;
            if (acked) {
              const answerHi = arriveHi + downLaw!.hiUs;
              const heardLo = heardUp < 0 ? heard : heardFire + upLaw.loUs + downLaw!.loUs;
              quiet = quiet && answerHi < next && answerHi < crashUs && heardLo + clientTimeoutUs > next;
            }
            if (quiet) {
              // the arrival's bucket, from the bounds when they share one
              const bucketUs = r.sameBucket(arriveLo, arriveHi) ? arriveLo : this.landing(i, fire, this.up, dAt);
              r.clientTx++;
              this.heartbeatHeard(bucketUs, acked, acked);
              servedFire = fire;
              servedUp = dAt;
              if (acked) {
                heardFire = fire;
                heardUp = dAt;
                heardDown = eAt;
              }
            }
          }
        }
        if (quiet) {
          fire = next;
          continue;
        }
        // the round needs exact delays: its draws are taken back and made again below
        this.rewind(at, upCount, downCount, bits);
        if (servedUp >= 0) served = this.landing(i, servedFire, this.up, servedUp);
        if (heardUp >= 0) heard = this.returning(i, heardFire, this.up, heardUp, this.down, heardDown);
        servedUp = heardUp = -1;
      }
      const d = this.up.transmit(i);
      let ok: boolean;
      if (d >= 0) {
        // the round's heartbeat gets through
        const arrive = fire + d;
        const answer = this.answer(i, arrive, acked);
        ok = this.heartbeatRoundHolds(next, arrive, answer, heard, crashUs, acked) && arrive <= served + timeoutUs;
        if (ok) {
          r.clientTx++;
          this.heartbeatHeard(arrive, answer >= 0, acked);
          served = arrive;
          if (answer >= 0) heard = answer;
          fire = next;
        }
      } else {
        // The heartbeat is lost: the events arm the deadline at served +
        // timeout, and the next heartbeat, if it gets there first, has it
        // defer itself again when it fires. The two rounds run ahead
        // together when that is how they go.
        const deadlineUs = served + timeoutUs;
        const fire2 = next;
        const next2 = fire2 + intervalUs;
        ok = (!acked || heard + clientTimeoutUs > next) && next2 <= horizonUs && fire2 < crashUs;
        const d2 = ok ? this.up.transmit(i) : -1;
        ok = d2 >= 0;
        if (ok) {
          const arrive = fire2 + d2;
          const answer = this.answer(i, arrive, acked);
          ok =
            this.heartbeatRoundHolds(next2, arrive, answer, heard, crashUs, acked) &&
            arrive < deadlineUs &&
            deadlineUs < next2;
          if (ok) {
            r.clientTx += 2;
            this.heartbeatHeard(arrive, answer >= 0, acked);
            served = arrive;
            if (answer >= 0) heard = answer;
            fire = next2;
          }
        }
      }
      if (!ok) {
        // the events run this round: its draws are given back
        this.rewind(at, upCount, downCount, bits);
        break;
      }
    }
    if (fire !== now) {
      if (servedUp >= 0) served = this.landing(i, servedFire, this.up, servedUp);
      if (heardUp >= 0) heard = this.returning(i, heardFire, this.up, heardUp, this.down, heardDown);
      t.setServerHeard(i, served);
      if (acked) t.setClientHeard(i, heard);
    }
    return fire;
  }

  /** the ACK of a heartbeat reaching the server at arriveUs: when it reaches the client, -1 if lost or none */
  private answer(i: number, arriveUs: number, acked: boolean): number {
    if (!acked) return -1;
    const e = this.down.transmit(i);
    return e >= 0 ? arriveUs + e : -1;
  }

  /**
   * A delivered heartbeat of a round whose next beat fires at nextUs,
   * reaching the server at arriveUs, answered at answerUs (-1: lost or no ACKs): does the round
   * leave the state the way it found it? Every check the events make in
   * such a round: the client's watch not due before the next beat (then a
   * lost ACK changes nothing but counters) or, for a watch shorter than two
   * intervals, not before this ACK; the round over before the next beat; the
   * client alive when its ACK lands; the server's deadline deferred again
   * to the next beat when the heartbeat lands.
   */
  private heartbeatRoundHolds(nextUs: number, arriveUs: number, answerUs: number, heardUs: number, crashUs: number, acked: boolean): boolean {
    const watchDue = heardUs + this.plan.clientTimeoutUs;
    const watchHolds = !acked || watchDue > nextUs || (arriveUs < watchDue && answerUs >= 0 && answerUs <= watchDue);
    return (
      arriveUs < nextUs &&
      (answerUs < 0 || (answerUs < nextUs && answerUs < crashUs)) &&
      watchHolds &&
      nextUs < arriveUs + this.plan.timeoutUs
    );
  }

  /** the server hears a heartbeat at arriveUs and answers it (if acked); `answered`: the ACK gets to the client */
  private heartbeatHeard(arriveUs: number, answered: boolean, acked: boolean): void {
    const r = this.recorder;
    r.messageIn(arriveUs);
    if (acked) r.messageOut(arriveUs); // sent, whether it gets there or not
    if (answered) r.clientRx++;
  }

  /** a round's draws given back: the streams' counters and loss-chain bits as they were before it */
  private rewind(at: number, upCount: number, downCount: number, bits: number): void {
    const { words: rec, up: upSlot, down: downSlot, flags: flagsSlot, linkBits } = this.view;
    rec[at + upSlot] = upCount;
    rec[at + downSlot] = downCount;
    rec[at + flagsSlot] = (rec[at + flagsSlot] & ~linkBits) | bits;
  }

  /** when a message sent at sentUs lands, its delay drawn at position n of client i's stream on `link` */
  private landing(i: number, sentUs: number, link: Link, n: number): number {
    return sentUs + link.delayAt(i, n);
  }

  /** when the answer to a message sent at sentUs lands: out on `there` (position n), back on `back` (position m) */
  private returning(i: number, sentUs: number, there: Link, n: number, back: Link, m: number): number {
    return sentUs + there.delayAt(i, n) + back.delayAt(i, m);
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
    const { words: rec, stride, crash, up: upSlot, down: downSlot, flags: flagsSlot, linkBits } = this.view;
    const at = i * stride;
    const crashUs = rec[at + crash];
    const r = this.recorder;
    // delays drawn lazily, as in clientBeats: the ping's (down) and the PONG's (up)
    const upLaw = this.up.deferrable;
    const downLaw = this.down.deferrable;
    const lazy = upLaw !== null && downLaw !== null;
    let served = t.serverHeard(i);
    let heard = t.clientHeard(i);
    let servedFire = 0;
    let servedDown = -1; // -1: served is exact
    let servedUp = -1;
    let heardFire = 0;
    let heardDown = -1; // -1: heard is exact
    let fire = now;
    for (;;) {
      const next = fire + intervalUs;
      if (next > horizonUs) break;
      const upCount = rec[at + upSlot];
      const downCount = rec[at + downSlot];
      const bits = rec[at + flagsSlot] & linkBits;
      if (lazy) {
        // the usual round on the delays' bounds alone, as in clientBeats
        let quiet = false;
        if (this.down.delivered(i)) {
          const dAt = rec[at + downSlot];
          rec[at + downSlot] = dAt + downLaw.draws;
          const pingLo = fire + downLaw.loUs;
          const pingHi = fire + downLaw.hiUs;
          if (pingHi < crashUs && this.up.delivered(i)) {
            const eAt = rec[at + upSlot];
            rec[at + upSlot] = eAt + upLaw.draws;
            const pongLo = pingLo + upLaw.loUs;
            const pongHi = pingHi + upLaw.hiUs;
            const servedLo = servedDown < 0 ? served : servedFire + downLaw.loUs + upLaw.loUs;
            const heardLo = heardDown < 0 ? heard : heardFire + downLaw.loUs;
            quiet =
              pongHi < next &&
              servedLo + timeoutUs > next &&
              next < pingLo + clientTimeoutUs &&
              pingHi <= heardLo + clientTimeoutUs;
            if (quiet) {
              // the PONG's bucket, from the bounds when they share one
              const bucketUs = r.sameBucket(pongLo, pongHi) ? pongLo : this.returning(i, fire, this.down, dAt, this.up, eAt);
              r.messageOut(fire);
              this.pingHeard(bucketUs);
              heardFire = servedFire = fire;
              heardDown = servedDown = dAt;
              servedUp = eAt;
            }
          }
        }
        if (quiet) {
          fire = next;
          continue;
        }
        // the round needs exact delays: its draws are taken back and made again below
        this.rewind(at, upCount, downCount, bits);
        if (servedDown >= 0) served = this.returning(i, servedFire, this.down, servedDown, this.up, servedUp);
        if (heardDown >= 0) heard = this.landing(i, heardFire, this.down, heardDown);
        servedDown = heardDown = -1;
      }
      const d = this.down.transmit(i);
      let ok: boolean;
      if (d >= 0) {
        // the round's ping gets through
        const ping = fire + d;
        const pong = this.pong(i, ping, crashUs);
        ok = this.pingRoundHolds(next, ping, pong, served) && ping <= heard + clientTimeoutUs;
        if (ok) {
          r.messageOut(fire);
          this.pingHeard(pong);
          heard = ping;
          if (pong >= 0) served = pong;
          fire = next;
        }
      } else {
        // The ping is lost: the events arm the client's watch at heard +
        // clientTimeout, and the next ping, if it gets there first, has it
        // defer itself again when it fires. The two rounds run ahead
        // together when that is how they go.
        const watchUs = heard + clientTimeoutUs;
        const fire2 = next;
        const next2 = fire2 + intervalUs;
        ok = served + timeoutUs > next && next2 <= horizonUs && watchUs < crashUs;
        const d2 = ok ? this.down.transmit(i) : -1;
        ok = d2 >= 0;
        if (ok) {
          const ping = fire2 + d2;
          const pong = this.pong(i, ping, crashUs);
          ok = this.pingRoundHolds(next2, ping, pong, served) && ping < watchUs && watchUs < next2;
          if (ok) {
            r.messageOut(fire);
            r.messageOut(fire2);
            this.pingHeard(pong);
            heard = ping;
            if (pong >= 0) served = pong;
            fire = next2;
          }
        }
      }
      if (!ok) {
        // the events run this round: its draws are given back
        this.rewind(at, upCount, downCount, bits);
        break;
      }
    }
    if (fire !== now) {
      if (servedDown >= 0) served = this.returning(i, servedFire, this.down, servedDown, this.up, servedUp);
      if (heardDown >= 0) heard = this.landing(i, heardFire, this.down, heardDown);
      t.setServerHeard(i, served);
      t.setClientHeard(i, heard);
    }
    return fire;
  }

  /** the PONG of a ping reaching client i at pingUs: when it reaches the server; -1 if lost, or none (a dead client) */
  private pong(i: number, pingUs: number, crashUs: number): number {
    if (!(pingUs < crashUs)) return -2;
    const e = this.up.transmit(i);
    return e >= 0 ? pingUs + e : -1;
  }

  /**
   * A delivered ping of a round whose next ping fires at nextUs, reaching
   * the client at pingUs, answered at pongUs (-1: lost; -2: the client is
   * dead): does the round leave the state the way it found it? The client
   * alive to answer; the server's deadline not due before the next ping
   * (then a lost PONG changes nothing but counters) or, for a deadline
   * shorter than two intervals, not before this PONG; the round over before
   * the next ping; the client's watch deferred again to it.
   */
  private pingRoundHolds(nextUs: number, pingUs: number, pongUs: number, servedUs: number): boolean {
    const due = servedUs + this.plan.timeoutUs;
    const deadlineHolds = due > nextUs || (pingUs < due && pongUs >= 0 && pongUs <= due);
    return (
      pongUs !== -2 &&
      pingUs < nextUs &&
      (pongUs < 0 || pongUs < nextUs) &&
      deadlineHolds &&
      nextUs < pingUs + this.plan.clientTimeoutUs
    );
  }

  /** a client hears a ping and answers it; the PONG lands at pongUs (-1: lost) */
  private pingHeard(pongUs: number): void {
    const r = this.recorder;
    r.clientRx++;
    r.clientTx++; // the PONG, sent whether it gets there or not
    if (pongUs >= 0) r.messageIn(pongUs);
  }
}
