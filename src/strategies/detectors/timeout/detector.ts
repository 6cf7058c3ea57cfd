// Silence >= timeout releases the connection. The deadline is re-armed
// lazily: one event per connection waits at last-heard + timeout and, when it
// fires early because the client spoke meanwhile, moves itself to the new
// deadline. It runs late in its instant, so a message landing exactly on the
// deadline still counts. When the server visits each connection on a timer
// of its own (per-client pings), the deadline is armed only at a visit that
// finds it due before the next visit: a connection that answers its pings
// costs no deadline events at all.
//
// With client heartbeats the server has no timer, but the client does, and
// the simulator sees each heartbeat's fate when it is sent. So when the
// client's next beat fires before the deadline, the deadline is deferred to
// that beat: a beat whose heartbeat arrives in time leaves the decision to
// its arrival; a beat that sends nothing, or whose heartbeat is lost or late,
// arms the deadline then (still before it is due). The release instants are
// exactly the lazy deadline's; connections that keep beating cost no
// deadline events.
import { EV } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import { armServerDeadline, armUnlessInTime, takeServerDeadline } from "../server-deadline.js";
import type { Detector } from "../../types.js";

export class TimeoutDetector implements Detector {
  private w!: ModelContext;
  private timeoutUs = 0;

  pinged(): void {} // silence is measured from the last message heard, not from pings

  install(w: ModelContext): void {
    this.w = w;
    this.timeoutUs = w.strategy.timeoutUs;
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  tracked(i: number, conn: number, now: number): void {
    const t = this.w.state;
    t.forgetDeadline(i); // any pending or deferred deadline belongs to an older connection
    if (!this.w.policy.serverVisits) this.arm(i, conn, now + this.timeoutUs);
  }

  heard(i: number, conn: number, now: number): void {
    // an armed deadline reads the last-heard time when it fires
    if (this.w.policy.clientVisits && !this.w.state.deadlineArmed(i)) this.settle(i, conn, now);
  }

  /** no deadline is pending for the tracked connection conn: arm it, or defer it to the client's next beat */
  private settle(i: number, conn: number, now: number): void {
    const t = this.w.state;
    const due = t.serverHeard(i) + this.timeoutUs;
    const beatUs = this.w.policy.clientNextVisitUs(i);
    // a beat at this very instant may have fired already: only a later one is sure to come
    if (now < beatUs && beatUs < due) t.setDeadlineDeferred(i, true);
    else this.arm(i, conn, due);
  }

  clientVisited(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    if (!t.deadlineDeferred(i)) return;
    t.setDeadlineDeferred(i, false);
    this.armUnlessInTime(i, conn, arriveUs);
  }

  nextVisit(i: number, conn: number, nextUs: number, pingArriveUs: number): void {
    const t = this.w.state;
    if (t.deadlineArmed(i) || t.deadlineAwaits(i)) return;
    const due = t.serverHeard(i) + this.timeoutUs;
    // due >= now: a deadline before this visit was due before the previous one's next, so it is armed
    if (due > nextUs) return;
    // the ping gets there before the deadline: the client's answer decides (answered)
    if (pingArriveUs >= 0 && pingArriveUs < due) t.setDeadlineAwaits(i, true);
    else this.arm(i, conn, due);
  }

  // An answer in time leaves the deadline to the next visit, unless the
  // deadline it leaves is due before that visit (a jittered period can
  // outlast the timeout): then it is armed for then.
  answered(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    if (!t.deadlineAwaits(i)) return;
    t.setDeadlineAwaits(i, false);
    this.armUnlessInTime(i, conn, arriveUs);
    const refreshedDue = arriveUs + this.timeoutUs;
    if (t.tracked(i) && !t.deadlineArmed(i) && refreshedDue < this.w.policy.serverNextVisitUs(i)) this.arm(i, conn, refreshedDue);
  }

  /** a deadline left to a message of the client's: armed unless one on the tracked connection arrives by it */
  private armUnlessInTime(i: number, conn: number, arriveUs: number): void {
    const t = this.w.state;
    if (t.tracked(i)) armUnlessInTime(this.w, i, conn, arriveUs, t.serverHeard(i) + this.timeoutUs);
  }

  private arm(i: number, conn: number, atUs: number): void {
    armServerDeadline(this.w, i, conn, atUs);
  }

  private deadline(i: number, conn: number, now: number): void {
    if (!takeServerDeadline(this.w, i, conn)) return;
    const t = this.w.state;
    const due = t.serverHeard(i) + this.timeoutUs;
    if (now >= due) this.w.serverSide.release(i, now);
    else if (this.w.policy.clientVisits) this.settle(i, conn, now);
    else if (!this.visitComesFirst(i, now, due)) this.arm(i, conn, due);
  }

  /** with per-client pings: the server's next ping fires after now and before due, and will look again */
  private visitComesFirst(i: number, now: number, due: number): boolean {
    if (!this.w.policy.serverVisits) return false;
    const next = this.w.policy.serverNextVisitUs(i);
    return now < next && next < due;
  }
}
