// A deadline on silence, one keeper for each side: the client's watch on
// the server (clientTimeout) and the server's deadline on the client (the
// timeout detector). Silence >= timeout since the side last heard the other
// end gives up on the connection. Read without the visits shortcut it is
// the plain lazy deadline: one event per connection waits at last-heard +
// timeout and, when it fires early because the other end spoke meanwhile,
// moves itself to the new deadline. It runs late in its instant, so a
// message landing exactly on the deadline still counts.
//
// With the visits shortcut (src/model/visits.ts) a heartbeat timer reports
// when it next fires and what its message will do, and the simulator sees
// each message's fate when it is sent. The deadline then takes an event only
// when it may be needed:
// - the other side's timer (the client watching per-client pings, the
//   server watching client beats): when it fires before the deadline is
//   due, the deadline is deferred to it (otherFired): a message that arrives
//   in time leaves the decision to its arrival; none, or a lost or late
//   one, arms the deadline then, still before it is due;
// - the side's own timer (the server's pings, the client's beats): the
//   deadline is armed only at a firing that finds it due before the next
//   one (ownTimerSet), or it awaits the answer to the message just sent
//   (ownAnswered).
// The instants it gives up are exactly the lazy deadline's; a connection
// whose heartbeats get through costs no deadline events at all.
import type { AckBook } from "./ack-book.js";
import type { VisitTimes } from "./visits.js";
import type { Simulator } from "../kernel/simulator.js";
import { EV, LATE } from "./kinds.js";
import { CLIENT, DEADLINE, SIDE, type ClientTable, type Side } from "./state.js";

/** one side's deadline event for each client, and its flags (the primitives a deadline rule of any kind arms with) */
export class DeadlineSlot {
  private readonly kind: number;
  private readonly late: number;

  constructor(
    protected readonly sim: Simulator,
    protected readonly state: ClientTable,
    readonly side: Side,
  ) {
    this.kind = side === SIDE.CLIENT ? EV.CLIENT_WATCH : EV.SERVER_DEADLINE;
    this.late = side === SIDE.CLIENT ? LATE.CLIENT : LATE.SERVER;
  }

  /** the side's current connection of client i: the client's, or the one the server tracks */
  conn(i: number): number {
    return this.state.connOf(i, this.side);
  }

  /** the side holds a connection of client i to keep a deadline on (the server: it tracks one) */
  holds(i: number): boolean {
    return this.side === SIDE.CLIENT || this.state.tracked(i);
  }

  has(i: number, bit: number): boolean {
    return (this.state.deadlineOf(i, this.side) & bit) !== 0;
  }
  set(i: number, bit: number, on: boolean): void {
    this.state.setDeadlineOf(i, this.side, bit, on);
  }
  /** a new connection: any pending, deferred or awaited deadline belonged to an older one */
  forget(i: number): void {
    this.state.setDeadlineOf(i, this.side, DEADLINE.ARMED | DEADLINE.DEFERRED | DEADLINE.AWAITS, false);
  }

  arm(i: number, conn: number, atUs: number): void {
    this.set(i, DEADLINE.ARMED, true);
    this.sim.scheduleLate(atUs, this.kind, i, conn, this.late);
  }

  /** a deadline event of connection conn fires: whether it is the current connection's (then no longer armed), or a stale one to drop */
  take(i: number, conn: number): boolean {
    const current = this.side === SIDE.CLIENT ? this.state.clientConn(i) === conn : this.state.tracks(i, conn);
    if (current) this.set(i, DEADLINE.ARMED, false);
    return current;
  }

  /**
   * A deadline left to a message of the other end's: one on the current
   * connection that arrives by dueUs settles it on arrival; otherwise
   * (none, lost, late, another connection) the deadline is armed for dueUs.
   */
  armUnlessInTime(i: number, conn: number, arriveUs: number, dueUs: number): void {
    const current = this.conn(i);
    if (arriveUs >= 0 && arriveUs <= dueUs && conn === current) return;
    this.arm(i, current, dueUs);
  }
}

export interface SilenceRule {
  readonly timeoutUs: number;
  /** the other end sends on its own, so there is something to hear (the client's watch needs a server that talks) */
  readonly otherTalks: boolean;
  /** the side gives up on client i's connection */
  expire(i: number, nowUs: number): void;
}

/** silence >= timeout since the side last heard the other end gives the connection up */
export class DeadlineKeeper extends DeadlineSlot {
  private readonly timeoutUs: number;
  private readonly otherTalks: boolean;
  private readonly client: boolean;
  /** whether the side's own timer, and the other side's, report visits: fixed for the run, so read once */
  private readonly ownVisits: boolean;
  private readonly otherVisits: boolean;
  private readonly otherSide: Side;

  constructor(
    sim: Simulator,
    state: ClientTable,
    side: Side,
    private readonly rule: SilenceRule,
    /** the heartbeat timers' next firings and whether they report visits */
    private readonly timers: VisitTimes,
    /** ACK arrivals booked at send time, settled before the client's last-heard time is read; null: none */
    private readonly acks: AckBook | null,
  ) {
    super(sim, state, side);
    this.timeoutUs = rule.timeoutUs;
    this.otherTalks = rule.otherTalks;
    this.client = side === SIDE.CLIENT;
    this.ownVisits = this.client ? timers.client : timers.server;
    this.otherVisits = this.client ? timers.server : timers.client;
    this.otherSide = this.client ? SIDE.SERVER : SIDE.CLIENT;
  }

  private heardUs(i: number): number {
    return this.state.heardBy(i, this.side);
  }
  private ownNextUs(i: number): number {
    return this.timers.nextUs(i, this.side);
  }
  private otherNextUs(i: number): number {
    return this.timers.nextUs(i, this.otherSide);
  }
  private settleAcks(i: number): void {
    if (this.acks !== null) this.acks.settle(i, this.sim.now);
  }

  /**
   * The side starts a connection at now (the client connected, the server
   * tracks it), having heard the other end then. The client's watch is
   * deferred to the server's ping timer, which was set when the server
   * started tracking; the server cannot defer to the client's beats, whose
   * timer starts only when the client hears it back.
   */
  started(i: number, conn: number, now: number): void {
    this.forget(i);
    if (this.client && this.otherVisits) this.settle(i, conn, now);
    else if (this.otherTalks && !this.ownVisits) this.arm(i, conn, now + this.timeoutUs);
  }

  /** the side heard the other end on its current connection (its last-heard time is now) */
  heard(i: number, conn: number, now: number): void {
    // an armed deadline reads the last-heard time when it fires
    if (this.otherVisits && !this.has(i, DEADLINE.ARMED)) this.settle(i, conn, now);
  }

  /** no deadline is pending for connection conn: arm it, or defer it to the other side's next timer */
  private settle(i: number, conn: number, now: number): void {
    const due = this.heardUs(i) + this.timeoutUs;
    const next = this.otherNextUs(i);
    // a timer firing at this very instant may have fired already: only a later one is sure to come
    if (now < next && next < due) this.set(i, DEADLINE.DEFERRED, true);
    else this.arm(i, conn, due);
  }

  /** the other side's timer for connection conn fired; its message reaches this side at arriveUs (< 0: none sent, or lost) */
  otherFired(i: number, conn: number, arriveUs: number): void {
    if (!this.has(i, DEADLINE.DEFERRED)) return;
    this.set(i, DEADLINE.DEFERRED, false);
    this.armUnlessDue(i, conn, arriveUs);
  }

  /**
   * The side's own timer for connection conn next fires at nextUs; the
   * message it just sent reaches the other end at sentArriveUs (< 0: none).
   * The deadline needs an event only if it could expire before then;
   * otherwise that visit looks again.
   */
  ownTimerSet(i: number, conn: number, nextUs: number, sentArriveUs: number): void {
    this.settleAcks(i);
    if (!this.otherTalks || this.has(i, DEADLINE.ARMED | DEADLINE.AWAITS)) return;
    const due = this.heardUs(i) + this.timeoutUs;
    // due >= now: a deadline before this visit was due before the previous one's next, so it is armed
    if (due > nextUs) return;
    // the message just sent gets there before the deadline: the answer decides (ownAnswered)
    if (sentArriveUs >= 0 && sentArriveUs < due) this.set(i, DEADLINE.AWAITS, true);
    else this.arm(i, conn, due);
  }

  /**
   * The other end received a message while the deadline awaited its answer:
   * it answered on connection conn with a message that reaches this side at
   * arriveUs (< 0: no answer, or lost). An answer in time leaves the
   * deadline to the next visit, unless the deadline it leaves is due before
   * that visit (a jittered period can outlast the timeout): then it is
   * armed for then. Otherwise the deadline is armed.
   */
  ownAnswered(i: number, conn: number, arriveUs: number): void {
    if (!this.has(i, DEADLINE.AWAITS)) return;
    this.settleAcks(i);
    this.set(i, DEADLINE.AWAITS, false);
    this.armUnlessDue(i, conn, arriveUs);
    const refreshedDue = arriveUs + this.timeoutUs;
    if (this.holds(i) && !this.has(i, DEADLINE.ARMED) && refreshedDue < this.ownNextUs(i)) this.arm(i, conn, refreshedDue);
  }

  private armUnlessDue(i: number, conn: number, arriveUs: number): void {
    if (this.holds(i)) this.armUnlessInTime(i, conn, arriveUs, this.heardUs(i) + this.timeoutUs);
  }

  /** the deadline event of connection conn fires at now */
  fire(i: number, conn: number, now: number): void {
    this.settleAcks(i);
    if (!this.take(i, conn)) return;
    // the client's watch stops with its connection, or with the client
    if (this.client && (this.state.state(i) !== CLIENT.CONNECTED || !this.state.alive(i, now))) return;
    const due = this.heardUs(i) + this.timeoutUs;
    if (now >= due) this.rule.expire(i, now);
    else if (this.otherVisits) this.settle(i, conn, now);
    else if (!this.ownVisitFirst(i, now, due)) this.arm(i, conn, due);
  }

  /**
   * The other side's timer fires now and its message, reaching this side
   * later, is heard (a round run at once): until when it may arrive with
   * otherFired arming nothing (a deferred deadline finds it in time; one
   * armed already is an event of the client's, which the round must end
   * before); -Infinity while the side awaits an answer of its own.
   */
  quietOtherByUs(i: number): number {
    const flags = this.state.deadlineOf(i, this.side);
    if ((flags & DEADLINE.AWAITS) !== 0) return -Infinity;
    return (flags & DEADLINE.DEFERRED) !== 0 ? this.heardUs(i) + this.timeoutUs : Infinity;
  }

  /** the side's own timer fires after now and before due, and will look again */
  private ownVisitFirst(i: number, now: number, due: number): boolean {
    if (!this.ownVisits) return false;
    const next = this.ownNextUs(i);
    return now < next && next < due;
  }
}
