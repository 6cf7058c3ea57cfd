// The answer deadline of Socket.IO (pingTimeout), gRPC keepalive and HTTP/2
// PING: every ping must be answered within `within` of being sent, or the
// connection is released. Any message heard answers every ping sent before
// it. The deadline that counts is the oldest unanswered ping's: a ping sent
// while an older one waits is due later, and whatever answers the older one
// answers it too. Deadlines run late in their instant, so an answer landing
// on one counts.
//
// The deadline is an event only when it may be needed (with the visits
// shortcut, src/model/shortcuts.ts, and per-client pings): the simulator sees a ping's fate when
// it is sent (its arrival, or none) and its answer's when the client sends
// it (ClientSide.receive -> answered). A ping that arrives in time leaves
// the deadline to the client's answer; an answer that will land in time
// needs no event at all (its arrival clears the wait). A lost ping, a late
// or lost answer, or no answer arms the deadline, before it is due; so the
// release instants are those of a deadline armed at every ping.
import { DeadlineSlot } from "../../../model/deadline-keeper.js";
import { EV } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import { DEADLINE, SIDE } from "../../../model/state.js";
import { SelfTimedDetector } from "../self-timed.js";

export class AnswerDetector extends SelfTimedDetector {
  private w!: ModelContext;
  /** the server's deadline event and flags, per client */
  private slot!: DeadlineSlot;
  /** per client: when the oldest ping nothing has been heard after went out; NaN when none waits */
  private unansweredUs!: Float64Array;

  constructor(private readonly withinUs: number) {
    super();
  }

  install(w: ModelContext): void {
    this.w = w;
    this.unansweredUs = new Float64Array(w.count).fill(NaN);
    this.slot = new DeadlineSlot(w.sim, w.state, SIDE.SERVER);
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  tracked(i: number): void {
    this.unansweredUs[i] = NaN;
    this.slot.forget(i); // a pending deadline or a wait belongs to an older connection
  }

  heard(i: number): void {
    this.unansweredUs[i] = NaN;
  }

  override pinged(i: number, conn: number, nowUs: number): void {
    if (!Number.isNaN(this.unansweredUs[i])) return; // an older ping waits: its deadline comes first
    this.unansweredUs[i] = nowUs;
    // Per-client ping timers with the visits shortcut report each ping's fate (nextVisit, called next),
    // which decides; otherwise (no shortcut, or the global tick) every ping's deadline is an event. A
    // pending event, an answered ping's, moves on to this one's deadline when it fires.
    if (!this.w.visits.server && !this.slot.has(i, DEADLINE.ARMED)) this.slot.arm(i, conn, nowUs + this.withinUs);
  }

  /** the ping just sent (if one was: pinged came first) reaches the client at pingArriveUs (< 0: lost, or none sent) */
  override nextVisit(i: number, conn: number, _nextUs: number, pingArriveUs: number): void {
    if (!this.w.visits.server) return;
    const since = this.unansweredUs[i];
    if (Number.isNaN(since) || this.slot.has(i, DEADLINE.ARMED | DEADLINE.AWAITS)) return;
    const due = since + this.withinUs;
    if (pingArriveUs >= 0 && pingArriveUs <= due) this.slot.set(i, DEADLINE.AWAITS, true);
    else this.slot.arm(i, conn, due);
  }

  /** the client answered the awaited ping on conn with a message reaching the server at arriveUs (< 0: none, or lost) */
  override answered(i: number, conn: number, arriveUs: number): void {
    const slot = this.slot;
    if (!slot.has(i, DEADLINE.AWAITS)) return;
    slot.set(i, DEADLINE.AWAITS, false);
    // untracked, or answered already (this ping went out while an older one waited, and that one's answer came)
    if (!slot.holds(i) || Number.isNaN(this.unansweredUs[i])) return;
    // an answer that lands in time clears the wait on arrival
    slot.armUnlessInTime(i, conn, arriveUs, this.unansweredUs[i] + this.withinUs);
  }

  // With no ping waiting and no deadline pending, a ping and its answer
  // each in time leave nothing armed: nextVisit leaves the deadline to the
  // answer, answered finds it in time, heard clears the wait.
  quietPingByUs(i: number, sentUs: number): number {
    return Number.isNaN(this.unansweredUs[i]) && !this.slot.has(i, DEADLINE.ARMED | DEADLINE.AWAITS) ? sentUs + this.withinUs : -Infinity;
  }

  // Each value unansweredUs takes gets at most one armed event; an event
  // that finds a later value, or none, was an answered ping's.
  private deadline(i: number, conn: number, now: number): void {
    if (!this.slot.take(i, conn)) return;
    const since = this.unansweredUs[i];
    if (Number.isNaN(since)) return;
    const due = since + this.withinUs;
    if (now >= due) this.w.serverSide.release(i, now);
    else this.slot.arm(i, conn, due); // an answered ping's event, with a later ping still waiting: on to its deadline
  }
}
