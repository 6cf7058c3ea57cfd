// The client end of each connection: connect attempts with timeout, backoff
// and jitter; answering pings; watching the server with clientTimeout;
// reconnecting after CLOSE, RESET or its own timeout. A crashed client
// (now >= its crash time) does nothing at all, so a crash needs no event.
import type { ClientStreams } from "../random/counter-rng.js";
import type { ReconnectPlan } from "../scenario/plan.js";
import { EV, LATE } from "./kinds.js";
import { AckBook } from "./ack-book.js";
import { MAX_CONN, MSG, messageConn, messageType } from "./messages.js";
import { CLIENT } from "./state.js";
import type { ClientPort, ModelContext } from "./ports.js";

export class ClientSide implements ClientPort {
  private readonly reconnect: ReconnectPlan;
  private readonly clientTimeoutUs: number;
  /** ACK arrivals booked at send time (src/model/ack-book.ts); null where every ACK is an event */
  readonly acks: AckBook | null;

  constructor(
    private readonly w: ModelContext,
    private readonly jitterRng: ClientStreams,
  ) {
    this.reconnect = w.plan.clients.reconnect;
    this.clientTimeoutUs = w.strategy.clientTimeoutUs;
    const sim = w.sim;
    sim.on(EV.CONNECT, (i, _d, now) => this.connect(i, now));
    sim.on(EV.AT_CLIENT, (i, data, now) => this.receive(i, data, now));
    sim.on(EV.CONNECT_TIMEOUT, (i, conn, now) => this.connectTimeout(i, conn, now));
    sim.on(EV.CLIENT_WATCH, (i, conn, now) => this.watch(i, conn, now));
    const { strategy, plan } = w;
    // Booking holds only where an ACK's arrival does nothing but refresh the
    // client: no radio, no adaptive interval, no TCP hand-over.
    const plain = plan.network.transport.kind === "datagram" && plan.clients.radio === null && strategy.adaptive === null;
    const book = w.shortcuts.bookedAcks && strategy.initiator === "client" && strategy.ack && plain;
    this.acks = book ? new AckBook(w.net, w.state, w.rec, w.plan.durationUs) : null;
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
    if (this.w.state.deadlineAwaits(i)) this.w.detector.answered(i, -1, -1);
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
        this.w.detector.answered(i, conn, this.w.net.toServer(i, MSG.PONG, conn, now));
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
    t.forgetWatch(i); // any pending, deferred or awaited watch belongs to an older connection
    const policy = this.w.policy;
    if (policy.serverVisits) this.settle(i, conn, now);
    else if (policy.serverTalks && !policy.clientVisits) this.armWatch(i, conn, now + this.clientTimeoutUs);
    policy.clientConnected(i, conn, now);
  }

  /** the server was heard from on the current connection */
  private heard(i: number, conn: number, now: number): void {
    const t = this.w.state;
    t.setClientHeard(i, now);
    // an armed watch reads the last-heard time when it fires
    if (this.w.policy.serverVisits && !t.watchArmed(i)) this.settle(i, conn, now);
  }

  /**
   * With per-client pings the server has a timer for each connection, and
   * the simulator sees each ping's fate when it is sent. No watch is pending:
   * when the server's next ping fires before the watch is due, the watch is
   * deferred to it (serverVisited); otherwise it is armed now.
   */
  private settle(i: number, conn: number, now: number): void {
    const t = this.w.state;
    const due = t.clientHeard(i) + this.clientTimeoutUs;
    const pingUs = this.w.policy.serverNextVisitUs(i);
    // a ping at this very instant may have fired already: only a later one is sure to come
    if (now < pingUs && pingUs < due) t.setWatchDeferred(i, true);
    else this.armWatch(i, conn, due);
  }

  /**
   * The server's ping timer for connection conn fired; its PING reaches the
   * client at arriveUs, or arriveUs < 0 when none was sent or it was lost.
   * A deferred watch is left to a PING that arrives in time (its arrival
   * settles the watch again), and armed otherwise, before it is due.
   */
  serverVisited(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    if (!t.watchDeferred(i)) return;
    t.setWatchDeferred(i, false);
    this.armUnlessInTime(i, conn, arriveUs);
  }

  /**
   * The client's own timer for connection conn next fires at nextUs (a
   * policy with clientVisits calls this whenever it sets that timer). The
   * watch needs an event only if it could expire before then; otherwise that
   * visit looks again. A client that hears its acks costs no watch events.
   */
  nextVisit(i: number, conn: number, nextUs: number, sentArriveUs: number): void {
    const t = this.w.state;
    this.settleAck(i, this.w.sim.now);
    if (!this.w.policy.serverTalks || t.watchArmed(i) || t.watchAwaits(i)) return;
    const due = t.clientHeard(i) + this.clientTimeoutUs;
    // due >= now: a watch due before this visit was due before the previous one's next, so it is armed
    if (due > nextUs) return;
    // the heartbeat just sent gets there before the watch is due: the server's answer decides
    if (sentArriveUs >= 0 && sentArriveUs < due) t.setWatchAwaits(i, true);
    else this.armWatch(i, conn, due);
  }

  /**
   * The server received a message while the watch awaited its answer: it
   * answered on connection conn with a message that reaches the client at
   * arriveUs (< 0: no answer, or lost). An answer in time refreshes the
   * client, and its next visit looks again, unless the watch that answer
   * leaves is due before that visit (a jittered period can outlast
   * clientTimeout): then it is armed for then. Otherwise the watch is armed.
   */
  answered(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    if (!t.watchAwaits(i)) return;
    this.settleAck(i, this.w.sim.now);
    t.setWatchAwaits(i, false);
    this.armUnlessInTime(i, conn, arriveUs);
    const refreshedDue = arriveUs + this.clientTimeoutUs;
    if (!t.watchArmed(i) && refreshedDue < this.w.policy.clientNextVisitUs(i)) this.armWatch(i, conn, refreshedDue);
  }

  /**
   * A watch left to a message of the server's: one on the client's
   * connection that arrives by the deadline settles it again on arrival;
   * otherwise (none, lost, late, another connection) the watch is armed.
   */
  private armUnlessInTime(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    const due = t.clientHeard(i) + this.clientTimeoutUs;
    if (arriveUs >= 0 && arriveUs <= due && conn === t.clientConn(i)) return;
    this.armWatch(i, t.clientConn(i), due);
  }

  private armWatch(i: number, conn: number, atUs: number): void {
    this.w.state.setWatchArmed(i, true);
    this.w.sim.scheduleLate(atUs, EV.CLIENT_WATCH, i, conn, LATE.CLIENT);
  }

  private connectTimeout(i: number, conn: number, now: number): void {
    const t = this.w.state;
    if (t.clientConn(i) !== conn || t.state(i) !== CLIENT.CONNECTING || !t.alive(i, now)) return;
    this.waitAndReconnect(i, now);
  }

  // Lazy deadline: it fires at most once per clientTimeout and re-arms itself
  // at the new deadline when the server was heard from in the meantime.
  private watch(i: number, conn: number, now: number): void {
    const t = this.w.state;
    this.settleAck(i, now);
    if (t.clientConn(i) !== conn) return; // an older connection's: the flag is the current one's
    t.setWatchArmed(i, false);
    if (t.state(i) !== CLIENT.CONNECTED || !t.alive(i, now)) return;
    const due = t.clientHeard(i) + this.clientTimeoutUs;
    if (now >= due) this.lost(i, now);
    else if (this.w.policy.serverVisits) this.settle(i, conn, now);
    else if (!this.visitComesFirst(i, now, due)) this.armWatch(i, conn, due);
  }

  /** with client beats: the client's next beat fires after now and before due, and will look again */
  private visitComesFirst(i: number, now: number, due: number): boolean {
    if (!this.w.policy.clientVisits) return false;
    const next = this.w.policy.clientNextVisitUs(i);
    return now < next && next < due;
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
