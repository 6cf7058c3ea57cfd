// Quiet heartbeat rounds, run at once. In steady state a connection's
// round is one timer firing and two messages: the initiator's heartbeat
// (the client's HB, or the server's PING) and the other end's answer (ACK,
// or PONG), both delivered, nothing else going on for that client. Such a
// round changes only counters, two last-heard times and the link streams,
// and which round is quiet is known the moment its messages' fates are
// drawn. So when a timer fires in steady state, the rounds from there on
// are drawn and applied at once, in round order, until one is not quiet;
// that round's draws are taken back (the link streams are counter-based: a
// rewound counter draws the same numbers again) and its timer is scheduled
// as usual, so the event-by-event model runs it.
//
// One loop serves both initiators. A round's two ends play two roles: the
// initiator sends out and watches for the answer (its deadline, "mine",
// runs from the answer it last heard); the responder hears the heartbeat
// and answers it (its deadline, "theirs", was deferred to this round's
// heartbeat by the visits shortcut). Client beats: out is the uplink, mine
// the client's watch (only with ACKs), theirs the server's deadline. Server
// pings: out is the downlink, mine the server's deadline, theirs the
// client's watch. Only the client can crash: it must be alive to send (its
// beats) or to answer (pings), and to take the answer in (its ACK).
//
// Nothing else may touch the client while its rounds run ahead: no message
// of its on the way (checked), no deadline or watch pending (checked), and
// nothing server-wide or path-wide in the scenario (restarts, outages, NAT,
// app traffic, radios, TCP, adaptive intervals, jitter, piggyback, a global
// tick, a detector other than the timeout: src/model/shortcut-scope.ts).
// Each round is run ahead only if every check the event-by-event model
// makes in that round (is a deadline due before the next visit, does the
// answer arrive in time, is the client alive when a message lands, does
// the round end before the next timer and the end of the run) comes out the
// way that leaves the state as it was; otherwise the events run it. The
// outputs are the same, byte for byte, apart from the number of events
// (test/model/quiet-rounds.test.ts); a quiet round costs four random
// numbers and a few counters instead of two or three events.
//
// Delays drawn lazily: with bounded delay laws (constant, uniform) a round's
// checks usually hold for any delays within the bounds, and the time-series
// bucket of the server's message is usually the same at both bounds. Then
// only the loss draws are made; the delay draws are stepped over (their
// stream positions kept), and a delay is computed from its position only
// when something needs its value: a check the bounds cannot settle, a
// bucket edge, the last-heard times left when the rounds stop. Half the
// hashing of a round goes, and nothing else changes: the same numbers sit at
// the same positions.
import type { Link } from "../net/link.js";
import type { Recorder } from "../metrics/recorder.js";
import type { AckBook } from "./ack-book.js";
import type { ArrivalWatcher } from "./network.js";
import { CLIENT, DEADLINE, SIDE, type ClientTable, type LinkView, type Side } from "./state.js";

export interface QuietRoundsPlan {
  /** who sends the heartbeats: the client (beats) or the server (per-client pings) */
  readonly initiator: "client" | "server";
  readonly intervalUs: number;
  /** the server's timeout */
  readonly timeoutUs: number;
  /** the client's timeout on the server */
  readonly clientTimeoutUs: number;
  readonly horizonUs: number;
  /** client heartbeats are answered with ACKs (pings always are, with PONGs) */
  readonly ack: boolean;
}

/** no answer: none is sent, or it is lost */
const LOST = -1;
/** no answer: the client is dead when the ping lands */
const DEAD = -2;

export class QuietRounds implements ArrivalWatcher {
  /** per client: the latest arrival of any message of its scheduled as an event */
  private readonly inFlightUntilUs: Float64Array;
  private readonly view: LinkView;
  private readonly clientBeats: boolean;
  /** the initiator's and the responder's links */
  private readonly out: Link;
  private readonly back: Link;
  /** the responder answers each heartbeat */
  private readonly answered: boolean;
  /** the initiator's deadline on the answer, and the responder's on the heartbeat */
  private readonly myTimeoutUs: number;
  private readonly theirTimeoutUs: number;
  private readonly mine: Side;
  private readonly theirs: Side;

  constructor(
    private readonly state: ClientTable,
    up: Link,
    down: Link,
    private readonly recorder: Recorder,
    private readonly plan: QuietRoundsPlan,
    /** ACK arrivals booked at send time; null: no ACKs, or ACKs run as events (which this leaves to the events) */
    private readonly acks: AckBook | null,
  ) {
    this.view = state.linkView();
    this.inFlightUntilUs = new Float64Array(state.count).fill(-1);
    const beats = plan.initiator === "client";
    this.clientBeats = beats;
    this.out = beats ? up : down;
    this.back = beats ? down : up;
    this.answered = beats ? plan.ack : true;
    this.myTimeoutUs = beats ? plan.clientTimeoutUs : plan.timeoutUs;
    this.theirTimeoutUs = beats ? plan.timeoutUs : plan.clientTimeoutUs;
    this.mine = beats ? SIDE.CLIENT : SIDE.SERVER;
    this.theirs = beats ? SIDE.SERVER : SIDE.CLIENT;
  }

  /** a message of client i's, sent either way, reaches its end at atUs */
  onTheWay(i: number, atUs: number): void {
    if (this.inFlightUntilUs[i] < atUs) this.inFlightUntilUs[i] = atUs;
  }

  /** the initiator's last-heard time of client i, and the responder's */
  private myHeard(i: number): number {
    return this.clientBeats ? this.state.clientHeard(i) : this.state.serverHeard(i);
  }
  private theirHeard(i: number): number {
    return this.clientBeats ? this.state.serverHeard(i) : this.state.clientHeard(i);
  }

  /**
   * The initiator's heartbeat timer for client i's connection conn fires at
   * now. Runs the quiet rounds from now on and returns when the first round
   * it did not run fires (now: none ran).
   */
  runAhead(i: number, conn: number, now: number): number {
    const t = this.state;
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED || !t.alive(i, now) || !t.tracks(i, conn)) return now;
    // steady state: the responder's deadline left to this heartbeat, none pending on the initiator's side, nothing on its way
    if (t.deadlineOf(i, this.theirs) !== DEADLINE.DEFERRED || t.deadlineOf(i, this.mine) !== 0) return now;
    if (!(this.inFlightUntilUs[i] < now)) return now;
    const acks = this.acks;
    if (acks !== null) {
      acks.settle(i, now); // the beat's own first look at its ACKs, taken early
      if (acks.holds(i)) return now;
    } else if (this.clientBeats && this.answered) {
      return now; // ACKs that run as events
    }
    const { intervalUs, horizonUs } = this.plan;
    const myTimeoutUs = this.myTimeoutUs;
    const theirTimeoutUs = this.theirTimeoutUs;
    const answered = this.answered;
    const clientBeats = this.clientBeats;
    const out = this.out;
    const back = this.back;
    const { words, stride, crash, up: upSlot, down: downSlot, flags: flagsSlot, linkBits } = this.view;
    const outSlot = clientBeats ? upSlot : downSlot;
    const backSlot = clientBeats ? downSlot : upSlot;
    const at = i * stride;
    const crashUs = words[at + crash];
    // the client alive to send and to take the answer in (beats), or to answer (pings)
    const initiatorCrashUs = clientBeats ? crashUs : Infinity;
    const responderCrashUs = clientBeats ? Infinity : crashUs;
    // Delays drawn lazily (see the class comment): the last-heard times as
    // "fire + the delays at these stream positions" until an exact value is needed.
    const outLaw = out.deferrable;
    const backLaw = back.deferrable;
    const lazy = outLaw !== null && (!answered || backLaw !== null);
    let mine = this.myHeard(i);
    let theirs = this.theirHeard(i);
    let lazyFire = 0;
    let lazyOut = -1; // -1: the last-heard times are exact
    let lazyBack = -1;
    let fire = now;
    for (;;) {
      const next = fire + intervalUs;
      if (next > horizonUs || !(fire < initiatorCrashUs)) break;
      const upCount = words[at + upSlot];
      const downCount = words[at + downSlot];
      const bits = words[at + flagsSlot] & linkBits;
      if (lazy) {
        // The usual round on the delays' bounds alone: both messages through,
        // and every check holding for any delays within the bounds.
        let quiet = false;
        if (out.delivered(i)) {
          const dAt = words[at + outSlot];
          words[at + outSlot] = dAt + outLaw.draws;
          const arriveLo = fire + outLaw.loUs;
          const arriveHi = fire + outLaw.hiUs;
          const responderUp = arriveHi < responderCrashUs;
          let eAt = -1;
          if (answered && responderUp && back.delivered(i)) {
            eAt = words[at + backSlot];
            words[at + backSlot] = eAt + backLaw!.draws;
          }
          if (responderUp && (!answered || eAt >= 0)) {
            const theirLo = lazyOut < 0 ? theirs : lazyFire + outLaw.loUs;
            quiet = arriveHi < next && arriveHi <= theirLo + theirTimeoutUs && next < arriveLo + theirTimeoutUs;
            let answerLo = -1;
            let answerHi = -1;
            if (answered) {
              answerLo = arriveLo + backLaw!.loUs;
              answerHi = arriveHi + backLaw!.hiUs;
              const myLo = lazyOut < 0 ? mine : lazyFire + outLaw.loUs + backLaw!.loUs;
              quiet = quiet && answerHi < next && answerHi < initiatorCrashUs && myLo + myTimeoutUs > next;
            }
            if (quiet) {
              // the bucket of the server's message (the heartbeat it hears, or the PONG), from the bounds when they share one
              const lo = clientBeats ? arriveLo : answerLo;
              const hi = clientBeats ? arriveHi : answerHi;
              const serverUs = this.recorder.sameBucket(lo, hi)
                ? lo
                : clientBeats
                  ? this.landing(i, fire, dAt)
                  : this.returning(i, fire, dAt, eAt);
              this.counted(fire, serverUs, answered);
              lazyFire = fire;
              lazyOut = dAt;
              lazyBack = eAt;
            }
          }
        }
        if (quiet) {
          fire = next;
          continue;
        }
        // the round needs exact delays: its draws are taken back and made again below
        this.rewind(at, upCount, downCount, bits);
        if (lazyOut >= 0) {
          theirs = this.landing(i, lazyFire, lazyOut);
          if (answered) mine = this.returning(i, lazyFire, lazyOut, lazyBack);
          lazyOut = -1;
        }
      }
      const d = out.transmit(i);
      let ok: boolean;
      if (d >= 0) {
        // the round's heartbeat gets through
        const arrive = fire + d;
        const answer = this.answer(i, arrive, responderCrashUs);
        ok = this.roundHolds(next, arrive, answer, mine, initiatorCrashUs) && arrive <= theirs + theirTimeoutUs;
        if (ok) {
          this.counted(fire, clientBeats ? arrive : answer, answer >= 0);
          theirs = arrive;
          if (answer >= 0) mine = answer;
          fire = next;
        }
      } else {
        // The heartbeat is lost: the events arm the responder's deadline,
        // and the next heartbeat, if it gets there first, has it defer
        // itself again when it fires. The two rounds run ahead together
        // when that is how they go.
        const theirDue = theirs + theirTimeoutUs;
        const fire2 = next;
        const next2 = fire2 + intervalUs;
        // the client alive at the second beat, or when its watch looks (pings)
        const alive = clientBeats ? fire2 < crashUs : theirDue < crashUs;
        ok = (!answered || mine + myTimeoutUs > next) && next2 <= horizonUs && alive;
        const d2 = ok ? out.transmit(i) : -1;
        ok = d2 >= 0;
        if (ok) {
          const arrive = fire2 + d2;
          const answer = this.answer(i, arrive, responderCrashUs);
          ok = this.roundHolds(next2, arrive, answer, mine, initiatorCrashUs) && arrive < theirDue && theirDue < next2;
          if (ok) {
            this.sent(fire);
            this.counted(fire2, clientBeats ? arrive : answer, answer >= 0);
            theirs = arrive;
            if (answer >= 0) mine = answer;
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
      if (lazyOut >= 0) {
        theirs = this.landing(i, lazyFire, lazyOut);
        if (answered) mine = this.returning(i, lazyFire, lazyOut, lazyBack);
      }
      if (clientBeats) {
        t.setServerHeard(i, theirs);
        if (answered) t.setClientHeard(i, mine);
      } else {
        t.setClientHeard(i, theirs);
        t.setServerHeard(i, mine);
      }
    }
    return fire;
  }

  /** the answer to a heartbeat reaching its end at arriveUs: when it gets back; LOST if lost or none; DEAD if the client is dead by then */
  private answer(i: number, arriveUs: number, responderCrashUs: number): number {
    if (!this.answered) return LOST;
    if (!(arriveUs < responderCrashUs)) return DEAD;
    const e = this.back.transmit(i);
    return e >= 0 ? arriveUs + e : LOST;
  }

  /**
   * A delivered heartbeat of a round whose next one fires at nextUs,
   * reaching its end at arriveUs, answered at answerUs (LOST, DEAD): does
   * the round leave the state the way it found it? Every check the events
   * make in such a round: the responder alive to answer; the initiator's
   * deadline not due before the next heartbeat (then a lost answer changes
   * nothing but counters) or, for a deadline shorter than two intervals, not
   * before this answer; the round over before the next heartbeat; the client
   * alive when the answer lands; the responder's deadline deferred again to
   * the next heartbeat when this one lands.
   */
  private roundHolds(nextUs: number, arriveUs: number, answerUs: number, myHeardUs: number, initiatorCrashUs: number): boolean {
    const myDue = myHeardUs + this.myTimeoutUs;
    const mineHolds = !this.answered || myDue > nextUs || (arriveUs < myDue && answerUs >= 0 && answerUs <= myDue);
    return (
      answerUs !== DEAD &&
      arriveUs < nextUs &&
      (answerUs < 0 || (answerUs < nextUs && answerUs < initiatorCrashUs)) &&
      mineHolds &&
      nextUs < arriveUs + this.theirTimeoutUs
    );
  }

  /** the initiator sends a heartbeat at fireUs */
  private sent(fireUs: number): void {
    if (this.clientBeats) this.recorder.clientTx++;
    else this.recorder.messageOut(fireUs);
  }

  /**
   * A round whose heartbeat, sent at fireUs, got through: the messages
   * counted where they are sent and heard. serverUs: when the server hears
   * the heartbeat (and sends the ACK), or hears the PONG; `back`: the answer
   * got through.
   */
  private counted(fireUs: number, serverUs: number, back: boolean): void {
    const r = this.recorder;
    this.sent(fireUs);
    if (this.clientBeats) {
      r.messageIn(serverUs);
      if (this.answered) r.messageOut(serverUs); // sent, whether it gets there or not
      if (back) r.clientRx++;
    } else {
      r.clientRx++;
      r.clientTx++; // the PONG, sent whether it gets there or not
      if (back) r.messageIn(serverUs);
    }
  }

  /** a round's draws given back: the streams' counters and loss-chain bits as they were before it */
  private rewind(at: number, upCount: number, downCount: number, bits: number): void {
    const { words, up: upSlot, down: downSlot, flags: flagsSlot, linkBits } = this.view;
    words[at + upSlot] = upCount;
    words[at + downSlot] = downCount;
    words[at + flagsSlot] = (words[at + flagsSlot] & ~linkBits) | bits;
  }

  /** when a heartbeat sent at sentUs lands, its delay drawn at position n of client i's out stream */
  private landing(i: number, sentUs: number, n: number): number {
    return sentUs + this.out.delayAt(i, n);
  }

  /** when the answer to a heartbeat sent at sentUs lands: out at position n, back at position m */
  private returning(i: number, sentUs: number, n: number, m: number): number {
    return sentUs + this.out.delayAt(i, n) + this.back.delayAt(i, m);
  }
}
