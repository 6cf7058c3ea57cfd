// The server's deadline event for a connection, as the detectors that keep
// one arm it: flagged armed in the client's record (so a detector never arms
// two) and run late in its instant, the server's phase, so a message landing
// on it still counts.
import { EV, LATE } from "../../model/kinds.js";
import type { ModelContext } from "../../model/ports.js";

export function armServerDeadline(w: ModelContext, i: number, conn: number, atUs: number): void {
  w.state.setDeadlineArmed(i, true);
  w.sim.scheduleLate(atUs, EV.SERVER_DEADLINE, i, conn, LATE.SERVER);
}

/**
 * A deadline left to a message of the client's: one on the tracked
 * connection that arrives by `dueUs` settles it on arrival; otherwise (none,
 * lost, late, another connection) the deadline is armed for `dueUs`.
 */
export function armUnlessInTime(w: ModelContext, i: number, conn: number, arriveUs: number, dueUs: number): void {
  const current = w.state.serverConn(i);
  if (arriveUs >= 0 && arriveUs <= dueUs && conn === current) return;
  armServerDeadline(w, i, current, dueUs);
}

/** a deadline event fires: whether it is the tracked connection's (then no longer armed), or a stale one to drop */
export function takeServerDeadline(w: ModelContext, i: number, conn: number): boolean {
  if (!w.state.tracks(i, conn)) return false;
  w.state.setDeadlineArmed(i, false);
  return true;
}
