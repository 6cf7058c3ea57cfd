// Silence >= timeout releases the connection. The deadline is re-armed
// lazily: one event per connection waits at last-heard + timeout and, when it
// fires early because the client spoke meanwhile, moves itself to the new
// deadline. It runs late in its instant, so a message landing exactly on the
// deadline still counts. When the server visits each connection on a timer
// of its own (per-client pings), the deadline is armed only at a visit that
// finds it due before the next visit: a connection that answers its pings
// costs no deadline events at all.
import { EV } from "../../model/kinds.js";
import type { World } from "../../model/world.js";
import type { Detector } from "../types.js";

export class TimeoutDetector implements Detector {
  private w!: World;
  private timeoutUs = 0;

  install(w: World): void {
    this.w = w;
    this.timeoutUs = w.strategy.timeoutUs;
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  tracked(i: number, conn: number, now: number): void {
    const t = this.w.state;
    t.setDeadlineArmed(i, false); // any pending deadline belongs to an older connection
    if (!this.w.policy.serverVisits) this.arm(i, conn, now + this.timeoutUs);
  }

  heard(): void {} // the lazy deadline reads the last-heard time when it fires

  nextVisit(i: number, conn: number, _now: number, nextUs: number): void {
    const t = this.w.state;
    if (t.deadlineArmed(i)) return;
    const due = t.serverHeard(i) + this.timeoutUs;
    // due >= now: a deadline before this visit was due before the previous one's next, so it is armed
    if (due <= nextUs) this.arm(i, conn, due);
  }

  private arm(i: number, conn: number, atUs: number): void {
    this.w.state.setDeadlineArmed(i, true);
    this.w.sim.scheduleLate(atUs, EV.SERVER_DEADLINE, i, conn);
  }

  private deadline(i: number, conn: number, now: number): void {
    const t = this.w.state;
    if (!t.tracks(i, conn)) return;
    t.setDeadlineArmed(i, false);
    const due = t.serverHeard(i) + this.timeoutUs;
    if (now >= due) this.w.serverSide.release(i, now);
    else this.arm(i, conn, due);
  }
}
