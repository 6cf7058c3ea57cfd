// Application traffic: each client makes requests as a Poisson process of
// the scenario's mean interval, from its own stream (so every strategy sees
// the same request instants), and the server answers each one. Requests go
// out only on a connected connection; the clock runs on regardless. Both the
// request and the answer are signs of life, like any message.
import type { ClientStreams } from "../random/counter-rng.js";
import { exponential } from "../random/distributions.js";
import { EV } from "./kinds.js";
import { MSG } from "./messages.js";
import { CLIENT } from "./state.js";
import type { ModelContext } from "./ports.js";

export class Traffic {
  constructor(
    private readonly w: ModelContext,
    private readonly meanIntervalUs: number,
    private readonly rng: ClientStreams,
  ) {
    w.sim.on(EV.CLIENT_APP, (i, _d, now) => this.request(i, now));
    for (let i = 0; i < w.count; i++) w.sim.schedule(this.gapUs(i), EV.CLIENT_APP, i, 0);
  }

  private gapUs(i: number): number {
    return Math.max(1, Math.round(exponential(this.rng.next(i), this.meanIntervalUs)));
  }

  private request(i: number, now: number): void {
    const t = this.w.state;
    if (!t.alive(i, now)) return; // a crashed client makes no more requests
    if (t.state(i) === CLIENT.CONNECTED) this.w.net.toServer(i, MSG.APP_REQUEST, t.clientConn(i), now);
    this.w.sim.schedule(now + this.gapUs(i), EV.CLIENT_APP, i, 0);
  }
}
