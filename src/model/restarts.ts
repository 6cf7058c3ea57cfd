// Server restarts: at each restart the server goes down for `downFor`,
// drops every message that arrives meanwhile, and forgets every connection
// (no release: nobody decided anything, the state is just gone). Clients find
// out on their own, by a RESET to their next message or by their
// clientTimeout; the time each connected client takes is recorded.
import { EV } from "./kinds.js";
import { CLIENT } from "./state.js";
import type { ModelContext, RestartsPort } from "./ports.js";

export class Restarts implements RestartsPort {
  private downFromUs = Infinity;
  private downUntilUs = -Infinity;
  /** the restart a connected client has not noticed yet; NaN when none */
  private readonly unnoticedSinceUs: Float64Array;

  constructor(private readonly w: ModelContext) {
    this.unnoticedSinceUs = new Float64Array(w.count).fill(NaN);
    w.sim.onShared(EV.SERVER_RESTART, (_s, k, now) => this.restart(k, now));
    w.plan.server.restarts.forEach((r, k) => w.sim.schedule(r.atUs, EV.SERVER_RESTART, 0, k));
  }

  isDown(nowUs: number): boolean {
    return nowUs >= this.downFromUs && nowUs < this.downUntilUs;
  }

  private restart(k: number, now: number): void {
    const w = this.w;
    const t = w.state;
    this.downFromUs = now;
    this.downUntilUs = now + w.plan.server.restarts[k].downForUs;
    for (let i = 0; i < w.count; i++) {
      if (t.tracked(i)) {
        t.setTracked(i, false);
        w.rec.forgotten(i, now, t.crashAt(i));
      }
      // a client still unaware of an earlier restart keeps that one's start
      if (t.state(i) === CLIENT.CONNECTED && t.alive(i, now) && Number.isNaN(this.unnoticedSinceUs[i])) {
        this.unnoticedSinceUs[i] = now;
      }
    }
  }

  /** client i gave its connection up at nowUs */
  clientGaveUp(i: number, nowUs: number): void {
    const since = this.unnoticedSinceUs[i];
    if (Number.isNaN(since)) return;
    this.w.rec.clientNoticed(nowUs - since);
    this.unnoticedSinceUs[i] = NaN;
  }
}
