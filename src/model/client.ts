// The client end of each connection: connect attempts with timeout, backoff
// and jitter; answering pings; watching the server with clientTimeout;
// reconnecting after CLOSE, RESET or its own timeout. A crashed client
// (now >= its crash time) does nothing at all, so a crash needs no event.
import type { ClientStreams } from "../random/counter-rng.js";
import type { ReconnectPlan } from "../scenario/plan.js";
import { EV, LATE } from "./kinds.js";
import { AckBook } from "./ack-book.js";
import { DeadlineKeeper } from "./deadline-keeper.js";
import { MAX_CONN, MSG, messageConn, messageType } from "./messages.js";
import { CLIENT, SIDE } from "./state.js";
import type { ClientPort, ModelContext } from "./ports.js";
import type { VisitTimes } from "./visits.js";

export class ClientSide implements ClientPort {
  private readonly reconnect: ReconnectPlan;
  /** ACK arrivals booked at send time (src/model/ack-book.ts); null where every ACK is an event */
  readonly acks: AckBook | null;
  /** the client's watch on the server: silence >= clientTimeout gives the connection up */
  readonly watch: DeadlineKeeper;

  constructor(
    private readonly w: ModelContext,
    private readonly jitterRng: ClientStreams,
    timers: VisitTimes,
  ) {
    this.reconnect = w.plan.clients.reconnect;
    const sim = w.sim;
    sim.on(EV.CONNECT, (i, _d, now) => this.connect(i, now));
    sim.on(EV.AT_CLIENT, (i, data, now) => this.receive(i, data, now));
    sim.on(EV.CONNECT_TIMEOUT, (i, conn, now) => this.connectTimeout(i, conn, now));
    const { strategy, plan } = w;
    // Booking holds only where an ACK's arrival does nothing but refresh the
    // client: no radio, no adaptive interval, no TCP hand-over.
    const plain = plan.network.transport.kind === "datagram" && plan.clients.radio === null && strategy.adaptive === null;
    const book = w.shortcuts.bookedAcks && strategy.initiator === "client" && strategy.ack && plain;
    this.acks = book ? new AckBook(w.net, w.state, w.rec, w.plan.durationUs) : null;
    const rule = {
      timeoutUs: strategy.clientTimeoutUs,
      // a server that only listens gives the client nothing to watch
      otherTalks: w.policy.serverTalks,
      expire: (i: number, now: number) => this.lost(i, now),
    };
    this.watch = new DeadlineKeeper(sim, w.state, SIDE.CLIENT, rule, timers, this.acks);
    sim.on(EV.CLIENT_WATCH, (i, conn, now) => this.watch.fire(i, conn, now));
  }

  private settleAck(i: number, now: number): void {
    if (this.acks !== null) this.acks.settle(i, now);
  }

  private connect(i: number, now: number): void {
    const t = this.w.state;
    if (!t.alive(i, now)) return;
    if (t.clientConn(i) > 0) this.w.rec.reconnects++;
    const conn = t.clientConn(i) + 1;
    if (conn > MAX_CONN) throw new Error(`client ${i} exceeded ${MAX_CONN} connection attempts`);
    t.setClientConn(i, conn);
    t.setState(i, CLIENT.CONNECTING);
    this.w.net.toServer(i, MSG.CONNECT, conn, now);
    this.w.sim.scheduleLate(now + this.reconnect.connectTimeoutUs, EV.CONNECT_TIMEOUT, i, conn, LATE.CLIENT);
  }

  /** a message from the server reaches client i (the TCP transport hands its segments on here too) */
  receive(i: number, data: number, now: number): void {
    this.handle(i, data, now);
    // the server's deadline awaited an answer to a ping and none went: it arms now
    if (this.w.state.deadlineAwaits(i)) this.w.visits.clientAnswered(i, -1, -1);
  }

  private handle(i: number, data: number, now: number): void {
    this.settleAck(i, now);
    const t = this.w.state;
    if (!t.alive(i, now)) return;
    this.w.rec.clientRx++;
    const radios = this.w.net.radios;
    if (radios !== null) radios.activity(i, now);
    const conn = messageConn(data);
    if (conn !== t.clientConn(i)) return; // a late message of a connection already given up
    const state = t.state(i);
    switch (messageType(data)) {
      case MSG.CONNECT_ACK:
        if (state === CLIENT.CONNECTING) this.connected(i, conn, now);
        break;
      case MSG.PING:
        if (state !== CLIENT.CONNECTED) break;
        this.heard(i, conn, now);
        this.w.visits.clientAnswered(i, conn, this.w.net.toServer(i, MSG.PONG, conn, now));
        break;
      case MSG.ACK:
        if (state !== CLIENT.CONNECTED) break;
        this.heard(i, conn, now);
        // an acknowledged heartbeat: the connection survived its gap; it counts
        // for the adaptive interval when that gap was the interval being tried
        if (this.w.adaptive !== null && this.w.sentGapUs![i] === this.w.adaptive.intervalUs(i)) {
          const before = this.w.adaptive.intervalUs(i);
          const after = this.w.adaptive.success(i);
          if (after !== before) this.w.policy.clientIntervalRaised(i, conn, before, after, now);
        }
        break;
      case MSG.APP_RESPONSE:
        if (state === CLIENT.CONNECTED) this.heard(i, conn, now);
        break;
      case MSG.CLOSE:
      case MSG.RESET:
        if (state === CLIENT.CONNECTED || state === CLIENT.CONNECTING) this.lost(i, now);
        break;
    }
  }

  /** the TCP transport gave up on client i's current connection after its retries: like a RESET */
  transportBroke(i: number, now: number): void {
    const state = this.w.state.state(i);
    if (state === CLIENT.CONNECTED || state === CLIENT.CONNECTING) this.lost(i, now);
  }

  private connected(i: number, conn: number, now: number): void {
    const t = this.w.state;
    t.setState(i, CLIENT.CONNECTED);
    t.setClientHeard(i, now);
    t.setWaits(i, 0);
    this.watch.started(i, conn, now);
    this.w.policy.clientConnected(i, conn, now);
  }

  received(i: number, conn: number, now: number): void {
    this.w.rec.clientRx++;
    const radios = this.w.net.radios;
    if (radios !== null) radios.activity(i, now);
    this.heard(i, conn, now);
  }

  /** the server was heard from on the current connection */
  private heard(i: number, conn: number, now: number): void {
    this.w.state.setClientHeard(i, now);
    this.watch.heard(i, conn, now);
  }

  private connectTimeout(i: number, conn: number, now: number): void {
    const t = this.w.state;
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTING || !t.alive(i, now)) return;
    this.waitAndReconnect(i, now);
  }

  /** the client gives the connection up (CLOSE, RESET, its own timeout) */
  private lost(i: number, now: number): void {
    const restarts = this.w.restarts;
    if (restarts !== null) restarts.clientGaveUp(i, now);
    // a broken connection: an adaptive interval backs off below the last good one
    if (this.w.adaptive !== null) this.w.adaptive.failure(i);
    this.waitAndReconnect(i, now);
  }

  private waitAndReconnect(i: number, now: number): void {
    const t = this.w.state;
    const waits = t.waits(i) + 1;
    t.setState(i, CLIENT.WAITING);
    t.setWaits(i, waits);
    this.w.sim.schedule(now + this.reconnectDelayUs(i, waits), EV.CONNECT, i, 0);
  }

  /**
   * The k-th wait since the client was last connected lasts delay * backoff^(k-1),
   * at most maxDelay, times a jitter factor uniform in [1 - jitter, 1 + jitter].
   */
  private reconnectDelayUs(i: number, k: number): number {
    const r = this.reconnect;
    // no delay stays none however often it is backed off (0 x Infinity would be NaN)
    const base = r.delayUs === 0 ? 0 : Math.min(r.maxDelayUs, r.delayUs * Math.pow(r.backoff, k - 1));
    if (r.jitter === 0) return Math.round(base);
    return Math.round(base * (1 + r.jitter * (2 * this.jitterRng.next(i) - 1)));
  }
}
