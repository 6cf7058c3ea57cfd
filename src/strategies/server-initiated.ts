// Server-initiated heartbeats: the server PINGs every tracked client and a
// live client answers PONG at once. "per-client" timers run from each
// connection's start, so pings are spread over the interval; "global" is one
// server tick that pings every tracked client at the same instant (a burst).
// With `piggyback` the server skips pinging a client it heard from within
// the last interval: that message already said the client was alive.
// "after-answer" is engine.io's timer: a connection's next ping goes
// `interval` after the PONG to its last one, so a ping that is never
// answered is the last (the detector decides); the server's next visit is
// then unknown when a ping leaves, so the visit shortcut stays off.
import { EV } from "../model/kinds.js";
import { MSG } from "../model/messages.js";
import { CLIENT, DEADLINE, SIDE } from "../model/state.js";
import type { ModelContext } from "../model/ports.js";
import type { ClientStreams } from "../random/counter-rng.js";
import { jitteredUs } from "./period.js";
import type { HeartbeatPolicy } from "./types.js";

export class ServerInitiated implements HeartbeatPolicy {
  readonly serverTalks = true;
  private w!: ModelContext;
  private intervalUs = 0;
  private jitter = 0;
  private global = false;
  private afterAnswer = false;
  /** with afterAnswer: the connection whose ping awaits its PONG, per client; -1 when none */
  private awaitingConn!: Int32Array;
  private piggyback = false;
  private rng!: ClientStreams;
  private client = 0;
  private readonly nextU = () => this.rng.next(this.client);

  install(w: ModelContext): void {
    this.w = w;
    this.intervalUs = w.strategy.intervalUs;
    this.jitter = w.strategy.jitter;
    this.global = w.strategy.schedule === "global";
    this.afterAnswer = w.strategy.schedule === "after-answer";
    this.awaitingConn = new Int32Array(this.afterAnswer ? w.count : 0).fill(-1);
    this.piggyback = w.strategy.piggyback;
    this.rng = w.timerJitter;
    if (this.global) {
      w.sim.onShared(EV.SERVER_TICK, (_s, _d, now) => this.tick(now));
      w.sim.schedule(this.period(0), EV.SERVER_TICK, 0, 0);
    } else {
      w.sim.on(EV.SERVER_PING, (i, conn, now) => this.ping(i, conn, now));
    }
  }

  // With a global tick no per-client timer exists, so the tick draws its
  // jitter from slot 0 of the timer stream without sharing it with anyone.
  private period(i: number): number {
    this.client = i;
    return jitteredUs(this.intervalUs, this.jitter, this.nextU);
  }

  clientConnected(): void {}

  serverTracked(i: number, conn: number, now: number): void {
    if (this.afterAnswer) this.awaitingConn[i] = -1;
    if (!this.global) this.pingAt(i, conn, now + this.period(i));
  }

  /**
   * The next ping of connection conn; the detector may wait for it to look
   * again, or for the answer to the ping just sent (reaching the client at
   * sentArriveUs; < 0: none).
   */
  private pingAt(i: number, conn: number, atUs: number, sentArriveUs = -1): void {
    this.w.sim.schedule(atUs, EV.SERVER_PING, i, conn);
    this.w.visits.serverTimerSet(i, conn, atUs, sentArriveUs);
  }

  // Every firing reports, sent or not: the client's watch may be waiting for
  // this visit (src/model/visits.ts).
  private ping(i: number, conn: number, now: number): void {
    const quiet = this.w.quiet;
    if (quiet !== null) {
      const next = quiet.runAhead(i, conn, now);
      if (next !== now) {
        // the last round run ahead already had its look at the deadline for this ping
        this.w.sim.schedule(next, EV.SERVER_PING, i, conn);
        this.w.visits.serverTimerMoved(i, next);
        return;
      }
    }
    if (this.w.exchanges !== null && this.exchangeAtOnce(i, conn, now)) {
      this.roundsAtOnce(i, conn, now + this.intervalUs);
      return;
    }
    this.w.visits.serverTimerFired(i, conn, this.send(i, conn, now));
  }

  // After a round run at once, its next ping: while that ping's event would
  // be the client's next (runsNext) and its round is quiet too, the round
  // runs now, without an event; the first that is not is scheduled.
  private roundsAtOnce(i: number, conn: number, nextUs: number): void {
    const w = this.w;
    while (w.sim.runsNext(i, nextUs) && this.exchangeAtOnce(i, conn, nextUs)) nextUs += this.intervalUs;
    w.sim.schedule(nextUs, EV.SERVER_PING, i, conn);
  }

  // A quiet round over Linux's TCP run at once: the ping, the PONG and the
  // TCP ACKs computed by the transport (quietExchange) when its draws show
  // them quiet and nothing the events would do in between can differ: no
  // other event of the client's before the round ends, nor the next ping
  // (the transport sees to both), no deadline armed by the round (the
  // detector's bound, quietPingByUs; the client's watch deferred to this
  // ping and in time). Then the model hears of it as the four events would
  // have told it, in their order; the caller schedules the next ping.
  private exchangeAtOnce(i: number, conn: number, t0: number): boolean {
    const w = this.w;
    const t = w.state;
    if (!t.tracks(i, conn) || t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTED || !t.alive(i, t0)) return false;
    if (t.deadlineOf(i, SIDE.CLIENT) !== DEADLINE.DEFERRED) return false;
    // the ping lands by the client's watch (deferred to this ping) and the detector's bound; the PONG by the
    // detector's; the ACK before the next ping (and the client's next event). The watch the ping's
    // hearing sets again (at t1) is deferred to the next ping, as clientTimeout > interval.
    const nextUs = t0 + this.intervalUs;
    // exchanges is set only under a detector that has quietPingByUs (world.ts)
    const answerByUs = w.detector.quietPingByUs!(i, t0);
    if (answerByUs === -Infinity) return false;
    const arriveByUs = Math.min(t.clientHeard(i) + w.strategy.clientTimeoutUs, answerByUs);
    const exchanges = w.exchanges!;
    if (!exchanges.quietExchange(i, conn, false, t0, arriveByUs, answerByUs, nextUs)) return false;
    const t1 = exchanges.exchangeUs[0];
    const t2 = exchanges.exchangeUs[1];
    // t0: the ping goes (counted as toClient counts it), the detector learns of it, the timer is set again
    w.rec.messageOut(t0);
    w.detector.pinged(i, conn, t0);
    w.visits.serverTimerSet(i, conn, nextUs, t1);
    w.visits.serverTimerFired(i, conn, t1);
    // t1: the client hears the ping and answers (ClientSide.receive, net.toServer)
    w.clientSide.received(i, conn, t1);
    w.net.sent(i, t1);
    w.visits.clientAnswered(i, conn, t2);
    if (t.deadlineAwaits(i)) w.visits.clientAnswered(i, -1, -1);
    exchanges.probeTold(i, true);
    // t2: the server hears the PONG (ServerSide.receive)
    w.rec.messageIn(t2);
    w.serverSide.heard(i, conn, t2);
    this.serverHeard(i, MSG.PONG, conn, t2);
    if (t.watchAwaits(i)) w.visits.serverAnswered(i, -1, -1);
    exchanges.probeTold(i, false);
    return true;
  }

  /** the ping, if one goes out: when it reaches the client, else -1 */
  private send(i: number, conn: number, now: number): number {
    const t = this.w.state;
    if (!t.tracks(i, conn)) return -1; // released or replaced: the timer dies
    if (this.piggyback && now - t.serverHeard(i) < this.intervalUs) {
      this.pingAt(i, conn, t.serverHeard(i) + this.intervalUs);
      return -1;
    }
    const arriveUs = this.w.net.toClient(i, MSG.PING, conn, now);
    this.w.detector.pinged(i, conn, now);
    if (this.afterAnswer) {
      this.awaitingConn[i] = conn;
      this.w.visits.serverTimerMoved(i, NaN);
    } else {
      this.pingAt(i, conn, now + this.period(i), arriveUs);
    }
    return arriveUs;
  }

  private tick(now: number): void {
    const t = this.w.state;
    const net = this.w.net;
    const quiet = this.piggyback ? now - this.intervalUs : Infinity;
    for (let i = 0; i < t.count; i++) {
      if (t.tracked(i) && t.serverHeard(i) <= quiet) {
        const conn = t.serverConn(i);
        net.toClient(i, MSG.PING, conn, now);
        this.w.detector.pinged(i, conn, now);
      }
    }
    this.w.sim.schedule(now + this.period(0), EV.SERVER_TICK, 0, 0);
  }

  serverHeard(i: number, type: number, conn: number, now: number): void {
    if (!this.afterAnswer || type !== MSG.PONG || this.awaitingConn[i] !== conn) return;
    this.awaitingConn[i] = -1;
    this.pingAt(i, conn, now + this.period(i));
  }

  clientIntervalRaised(): void {} // adaptive intervals are the clients' (the schema allows them on client strategies only)

  // per-client timers start when the server starts tracking; the global tick runs at every multiple of interval
  // (after-answer has no fixed grid: the freshness detector refuses it)
  heartbeatOriginUs(_i: number, _conn: number, trackedUs: number): number {
    return this.global ? 0 : trackedUs;
  }
}
