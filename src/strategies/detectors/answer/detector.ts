// The answer deadline of Socket.IO (pingTimeout), gRPC keepalive and HTTP/2
// PING: every ping must be answered within `within` of being sent, or the
// connection is released. Any message heard answers every ping sent before
// it. One pending deadline per connection, the oldest unanswered ping's: a
// ping sent while an older one waits has the later deadline, and is answered
// by whatever answers the older one. Deadlines run late in their instant, so
// an answer landing on one counts.
import { EV, LATE } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import { SelfTimedDetector } from "../self-timed.js";

export class AnswerDetector extends SelfTimedDetector {
  private w!: ModelContext;
  /** per client: when the oldest ping nothing has been heard after went out; NaN when none waits */
  private unansweredUs!: Float64Array;

  constructor(private readonly withinUs: number) {
    super();
  }

  install(w: ModelContext): void {
    this.w = w;
    this.unansweredUs = new Float64Array(w.count).fill(NaN);
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  tracked(i: number): void {
    this.unansweredUs[i] = NaN;
  }

  heard(i: number): void {
    this.unansweredUs[i] = NaN;
  }

  override pinged(i: number, conn: number, nowUs: number): void {
    if (!Number.isNaN(this.unansweredUs[i])) return; // an older ping waits: its deadline comes first
    this.unansweredUs[i] = nowUs;
    this.w.sim.scheduleLate(nowUs + this.withinUs, EV.SERVER_DEADLINE, i, conn, LATE.SERVER);
  }

  // Each value unansweredUs takes has its own event (set only from NaN, by
  // pinged); an event that finds a later value, or none, is an answered ping's.
  private deadline(i: number, conn: number, now: number): void {
    if (!this.w.state.tracks(i, conn)) return;
    const since = this.unansweredUs[i];
    if (!Number.isNaN(since) && now >= since + this.withinUs) this.w.serverSide.release(i, now);
  }
}
