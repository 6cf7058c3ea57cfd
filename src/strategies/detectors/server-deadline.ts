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
