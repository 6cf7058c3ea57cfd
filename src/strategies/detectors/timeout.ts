// Silence >= timeout releases the connection. The deadline is re-armed
// lazily: one event per connection waits at last-heard + timeout and, when it
// fires early because the client spoke meanwhile, moves itself to the new
// deadline. It runs late in its instant, so a message landing exactly on the
// deadline still counts.
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
    this.w.sim.scheduleLate(now + this.timeoutUs, EV.SERVER_DEADLINE, i, conn);
  }

  heard(): void {} // the lazy deadline reads the last-heard time when it fires

  private deadline(i: number, conn: number, now: number): void {
    const t = this.w.state;
    if (!t.tracks(i, conn)) return;
    const due = t.serverHeard(i) + this.timeoutUs;
    if (now >= due) this.w.serverSide.release(i, now);
    else this.w.sim.scheduleLate(due, EV.SERVER_DEADLINE, i, conn);
  }
}
