// Client-initiated heartbeats: each connected client sends HB every
// `interval` from the moment it is connected; the server marks the connection
// on receipt and, with `ack`, answers ACK so the client can watch the link.
// With `piggyback` (MQTT's keep-alive rule) a heartbeat goes out only after
// `interval` in which the client sent nothing else.
import { EV } from "../model/kinds.js";
import { MSG } from "../model/messages.js";
import { CLIENT, DEADLINE, SIDE } from "../model/state.js";
import type { ModelContext } from "../model/ports.js";
import type { ClientStreams } from "../random/counter-rng.js";
import { jitteredUs } from "./period.js";
import type { HeartbeatPolicy } from "./types.js";

export class ClientInitiated implements HeartbeatPolicy {
  private w!: ModelContext;
  private intervalUs = 0;
  private jitter = 0;
  private lastSentUs: Float64Array | null = null;
  /** with `adaptive`: the interval the pending beat of each client tries (before jitter) */
  private pendingGapUs: Float64Array | null = null;
  /** with `adaptive`: the instant the pending beat's gap runs from (the beat before it, or the last message sent) */
  private pendingFromUs: Float64Array | null = null;
  private rng!: ClientStreams;
  private client = 0;
  private readonly nextU = () => this.rng.next(this.client);
  /** per client: the instant it last connected, and on which connection (kept for the freshness detector only) */
  private connectedUs: Float64Array | null = null;
  private connectedConn: Int32Array | null = null;

  /** with `ack` the server answers each heartbeat, so a client can watch it */
  readonly serverTalks: boolean;

  constructor(private readonly ack: boolean) {
    this.serverTalks = ack;
  }

  install(w: ModelContext): void {
    this.w = w;
    this.intervalUs = w.strategy.intervalUs;
    this.jitter = w.strategy.jitter;
    this.rng = w.timerJitter;
    this.lastSentUs = w.net.lastSentUs;
    if (w.adaptive !== null) {
      this.pendingGapUs = new Float64Array(w.count);
      this.pendingFromUs = new Float64Array(w.count);
    }
    w.sim.on(EV.CLIENT_HB, (i, conn, now) => this.beat(i, conn, now));
    if (w.strategy.detector.kind === "freshness") {
      this.connectedUs = new Float64Array(w.count);
      this.connectedConn = new Int32Array(w.count); // connection ids start at 1: 0 = never
    }
  }

  private period(i: number): number {
    this.client = i;
    const adaptive = this.w.adaptive;
    return jitteredUs(adaptive === null ? this.intervalUs : adaptive.intervalUs(i), this.jitter, this.nextU);
  }

  clientConnected(i: number, conn: number, now: number): void {
    if (this.connectedUs !== null && this.connectedConn !== null) {
      this.connectedUs[i] = now;
      this.connectedConn[i] = conn;
    }
    this.schedule(i, conn, now);
  }

  /**
   * The next beat, one period ahead; an adaptive strategy remembers the gap
   * it tries. `sentArriveUs`: when the heartbeat just sent reaches the
   * server (< 0: none), whose answer the client's watch may wait for.
   */
  private schedule(i: number, conn: number, now: number, sentArriveUs = -1): void {
    const gap = this.period(i);
    this.tries(i, now);
    this.beatAt(i, conn, now + gap, sentArriveUs);
  }

  /** with `adaptive`: the pending beat tries the client's current interval, counted from fromUs */
  private tries(i: number, fromUs: number): void {
    if (this.pendingGapUs === null || this.pendingFromUs === null) return;
    this.pendingGapUs[i] = this.w.adaptive!.intervalUs(i);
    this.pendingFromUs[i] = fromUs;
  }

  /**
   * An ACK raised client i's adaptive interval from oldUs to newUs at now.
   * The beat already pending was armed at the old interval; it is re-armed
   * at the new one (its jitter factor kept), so that each level lasts
   * exactly `successes` beats, as WeChat's rule reads ("each 3 successes add
   * 60 s"). The old timer still fires, as a visit that sends nothing.
   */
  clientIntervalRaised(i: number, conn: number, oldUs: number, newUs: number, now: number): void {
    const from = this.pendingFromUs![i];
    const at = this.w.visits.clientNextUs(i);
    if (!(at > now) || this.pendingGapUs![i] !== oldUs) return;
    const moved = from + Math.round(((at - from) * newUs) / oldUs);
    this.pendingGapUs![i] = newUs;
    this.beatAt(i, conn, moved);
  }

  private beatAt(i: number, conn: number, atUs: number, sentArriveUs = -1): void {
    this.w.sim.schedule(atUs, EV.CLIENT_HB, i, conn);
    this.w.visits.clientTimerSet(i, conn, atUs, sentArriveUs);
  }

  // Every firing reports, sent or not: the server's deadline may be waiting
  // for this visit (src/model/visits.ts).
  private beat(i: number, conn: number, now: number): void {
    // a beat re-armed later (intervalRaised): this firing is a visit that sends nothing
    if (this.pendingFromUs !== null && now !== this.w.visits.clientNextUs(i) && this.w.state.clientConn(i) === conn) {
      this.w.visits.clientTimerFired(i, conn, -1);
      return;
    }
    const quiet = this.w.quiet;
    if (quiet !== null) {
      const next = quiet.runAhead(i, conn, now);
      if (next !== now) {
        // the last round run ahead already had its look at the watch for this beat
        this.w.sim.schedule(next, EV.CLIENT_HB, i, conn);
        this.w.visits.clientTimerMoved(i, next);
        return;
      }
    }
    if (this.w.exchanges !== null && this.exchangeAtOnce(i, conn, now)) {
      this.roundsAtOnce(i, conn, now + this.intervalUs);
      return;
    }
    this.w.visits.clientTimerFired(i, conn, this.send(i, conn, now));
  }

  // After a round run at once, its next beat: while that beat's event would
  // be the client's next (runsNext) and its round is quiet too, the round
  // runs now, without an event; the first that is not is scheduled.
  private roundsAtOnce(i: number, conn: number, nextUs: number): void {
    const w = this.w;
    while (w.sim.runsNext(i, nextUs) && this.exchangeAtOnce(i, conn, nextUs)) nextUs += this.intervalUs;
    w.sim.schedule(nextUs, EV.CLIENT_HB, i, conn);
  }

  // A quiet round over Linux's TCP run at once: the heartbeat, the server's
  // ACK and the TCP ACK of it computed by the transport (quietExchange) when
  // its draws show them quiet and nothing the events would do in between can
  // differ: no other event of the client's before the round ends, nor the
  // next beat (the transport sees to both), no deadline armed by the round
  // (the detector's bound, quietBeatByUs; the client's watch, which awaits
  // the ACK when it would be due before the next beat, finds it in time).
  // Then the model hears of it as the four events would have told
  // it, in their order; the caller schedules the next beat.
  private exchangeAtOnce(i: number, conn: number, t0: number): boolean {
    const w = this.w;
    const t = w.state;
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED || !t.alive(i, t0) || !t.tracks(i, conn)) return false;
    // a piggybacked beat that finds something sent within the interval goes the events' way (send); the
    // field read once, as RtoEstimator.capped reads its limit
    const lastSentUs = this.lastSentUs;
    if (lastSentUs !== null && t0 - lastSentUs[i] < this.intervalUs) return false;
    // exchanges is set only under a detector that has quietBeatByUs (world.ts)
    let arriveByUs = w.detector.quietBeatByUs!(i);
    if (arriveByUs === -Infinity) return false;
    const nextUs = t0 + this.intervalUs;
    let answerByUs = Infinity;
    const watch = t.deadlineOf(i, SIDE.CLIENT);
    if ((watch & DEADLINE.AWAITS) !== 0) return false;
    if ((watch & DEADLINE.ARMED) === 0) {
      // the watch due before the next beat awaits the ACK (the beat must land before it is due, and the ACK by
      // then); the ACK refreshes it past the next beat, as clientTimeout > interval. Integer µs: t1 < due is t1 <= due - 1
      const dueUs = t.clientHeard(i) + w.strategy.clientTimeoutUs;
      if (dueUs <= nextUs) {
        arriveByUs = Math.min(arriveByUs, dueUs - 1);
        answerByUs = dueUs;
      }
    }
    const exchanges = w.exchanges!;
    if (!exchanges.quietExchange(i, conn, true, t0, arriveByUs, answerByUs, nextUs)) return false;
    const t1 = exchanges.exchangeUs[0];
    const t2 = exchanges.exchangeUs[1];
    // t0: the heartbeat goes (net.toServer), the timer is set again, the detector learns of the visit
    w.net.sent(i, t0);
    w.visits.clientTimerSet(i, conn, nextUs, t1);
    w.visits.clientTimerFired(i, conn, t1);
    // t1: the server hears it (ServerSide.receive) and ACKs it (serverHeard, net.toClient)
    w.rec.messageIn(t1);
    w.serverSide.heard(i, conn, t1);
    w.rec.messageOut(t1);
    w.visits.serverAnswered(i, conn, t2);
    if (t.watchAwaits(i)) w.visits.serverAnswered(i, -1, -1);
    exchanges.probeTold(i, true);
    // t2: the client hears the ACK (ClientSide.receive)
    w.clientSide.received(i, conn, t2);
    if (t.deadlineAwaits(i)) w.visits.clientAnswered(i, -1, -1);
    exchanges.probeTold(i, false);
    return true;
  }

  /** the beat's heartbeat, if one goes out: when it reaches the server, else -1 */
  private send(i: number, conn: number, now: number): number {
    const t = this.w.state;
    // the timer belongs to one connection: it dies with it, or with the client
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED || !t.alive(i, now)) return -1;
    const lastSentUs = this.lastSentUs; // read once (see exchangeAtOnce)
    const last = lastSentUs === null ? -Infinity : lastSentUs[i];
    const interval = this.w.adaptive === null ? this.intervalUs : this.w.adaptive.intervalUs(i);
    if (now - last < interval) {
      // something else went out meanwhile: it was the sign of life; look again an interval after it
      this.tries(i, last);
      this.beatAt(i, conn, last + interval);
      return -1;
    }
    if (this.pendingGapUs !== null) this.w.sentGapUs![i] = this.pendingGapUs[i];
    const arriveUs = this.w.net.toServer(i, MSG.HB, conn, now);
    this.schedule(i, conn, now, arriveUs);
    return arriveUs;
  }

  serverTracked(): void {}

  // The HBs of conn leave at connected + k·interval; the server cannot see
  // that instant, so the client's record stands in for NFD-S's sequence numbers.
  heartbeatOriginUs(i: number, conn: number): number {
    if (this.connectedUs === null || this.connectedConn === null) {
      throw new Error("heartbeat origins are kept for the freshness detector only");
    }
    return this.connectedConn[i] === conn ? this.connectedUs[i] : NaN;
  }

  serverHeard(i: number, type: number, conn: number, now: number): void {
    if (type !== MSG.HB || !this.ack) return;
    const acks = this.w.clientSide.acks;
    if (acks !== null) {
      const arriveUs = this.w.net.toClientBooked(i, conn, now);
      acks.book(i, conn, now, arriveUs);
      this.w.visits.serverAnswered(i, conn, arriveUs);
    } else {
      this.w.visits.serverAnswered(i, conn, this.w.net.toClient(i, MSG.ACK, conn, now));
    }
  }
}
