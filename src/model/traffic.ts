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

  // After a request run at once, the next one's event would often be the
  // client's next (runsNext): it runs now, without an event, as the event
  // would, at its own instant.
  private request(i: number, now: number): void {
    const w = this.w;
    const t = w.state;
    for (;;) {
      if (!t.alive(i, now)) return; // a crashed client makes no more requests
      // the next request's instant first (its own stream: no other draw depends on the order), so that a
      // request run at once knows when it must be over
      const nextUs = now + this.gapUs(i);
      let atOnce = false;
      if (t.state(i) === CLIENT.CONNECTED) {
        const conn = t.clientConn(i);
        atOnce = w.exchanges !== null && this.exchangeAtOnce(i, conn, now, nextUs);
        if (!atOnce) w.net.toServer(i, MSG.APP_REQUEST, conn, now);
      }
      if (!atOnce || !w.sim.runsNext(i, nextUs)) {
        w.sim.schedule(nextUs, EV.CLIENT_APP, i, 0);
        return;
      }
      now = nextUs;
    }
  }

  // A request and its answer over Linux's TCP run at once (quietExchange),
  // where heartbeat rounds do (src/model/shortcut-scope.ts), when quiet and
  // before the client's next event and next request. Hearing them arms
  // nothing under the detectors in that scope: the answer detector only
  // clears its wait, and a deadline or watch on silence that is not armed is
  // deferred again to the other side's next timer, which fires after the
  // round and within the timeout of it. A side awaiting an answer would arm
  // on this message, so the request then goes the events' way (it cannot
  // happen while both TCP ends are idle, as the round needs: the message
  // awaiting its answer is unacknowledged until then). The model hears of
  // it as the four events would have told it, in their order.
  private exchangeAtOnce(i: number, conn: number, t0: number, nextUs: number): boolean {
    const w = this.w;
    const t = w.state;
    if (!t.tracks(i, conn) || t.watchAwaits(i) || t.deadlineAwaits(i)) return false;
    const exchanges = w.exchanges!;
    if (!exchanges.quietExchange(i, conn, true, t0, Infinity, Infinity, nextUs)) return false;
    const t1 = exchanges.exchangeUs[0];
    const t2 = exchanges.exchangeUs[1];
    // t0: the request goes (net.toServer); t1: the server hears it and answers (ServerSide.receive, net.toClient);
    // t2: the client hears the answer (ClientSide.receive)
    w.net.sent(i, t0);
    w.rec.messageIn(t1);
    w.serverSide.heard(i, conn, t1);
    w.rec.messageOut(t1);
    exchanges.probeTold(i, true);
    w.clientSide.received(i, conn, t2);
    exchanges.probeTold(i, false);
    return true;
  }
}
