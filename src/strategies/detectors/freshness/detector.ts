// Chen-Toueg-Aguilera NFD-S (points.ts): heartbeat k
// of a connection, sent at sigma_k, has the freshness point
// tau_k = sigma_k + delta; the newest heartbeat j received keeps the client
// trusted until tau_{j+1}, and it is released at that instant (late, so a
// heartbeat landing on it counts). In NFD-S each heartbeat carries its
// sequence number; here, with jitter 0, the heartbeats leave on the grid
// origin + k·interval the policy reports, and an arrival is credited to the
// newest grid point at or before it: exact while the one-way delay (client
// initiator) or the round trip (server initiator) stays below the interval,
// lenient beyond (a late heartbeat counts as the next one). One pending
// deadline per connection suffices: tau only ever moves later.
import { Freshness } from "./points.js";
import { EV, LATE } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import { SelfTimedDetector } from "../self-timed.js";

export class FreshnessDetector extends SelfTimedDetector {
  private w!: ModelContext;
  private fd!: Freshness;
  private intervalUs = 0;
  /** per client: when the server started tracking its connection */
  private trackedUs!: Float64Array;

  constructor(private readonly deltaUs: number) {
    super();
  }

  install(w: ModelContext): void {
    this.w = w;
    this.intervalUs = w.strategy.intervalUs;
    this.fd = new Freshness(w.count, this.deltaUs);
    this.trackedUs = new Float64Array(w.count);
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => this.deadline(i, conn, now));
  }

  // The first heartbeat leaves an interval or more after tracking starts
  // (a client connects only once the server has answered its CONNECT), so
  // tracked + interval + delta is the earliest tau_1 can be; the deadline
  // there learns the true one once the origin is known.
  tracked(i: number, conn: number, now: number): void {
    this.trackedUs[i] = now;
    const origin = this.w.policy.heartbeatOriginUs(i, conn, now);
    const due = this.fd.start(i, !Number.isNaN(origin) ? this.firstSendUs(i, origin) : now + this.intervalUs);
    this.w.sim.scheduleLate(due, EV.SERVER_DEADLINE, i, conn, LATE.SERVER);
  }

  heard(i: number, conn: number, now: number): void {
    const origin = this.w.policy.heartbeatOriginUs(i, conn, this.trackedUs[i]);
    if (Number.isNaN(origin)) return; // the sender has moved on to a newer connection: nothing to credit
    const sentUs = origin + this.intervalUs * Math.floor((now - origin) / this.intervalUs);
    this.fd.heard(i, sentUs + this.intervalUs);
  }

  private deadline(i: number, conn: number, now: number): void {
    if (!this.w.state.tracks(i, conn)) return;
    const origin = this.w.policy.heartbeatOriginUs(i, conn, this.trackedUs[i]);
    // no-op once a later heartbeat was heard; raises the lower bound to tau_1 otherwise
    if (!Number.isNaN(origin)) this.fd.heard(i, this.firstSendUs(i, origin));
    const due = this.fd.suspectAtUs(i);
    if (now >= due) this.w.serverSide.release(i, now);
    else this.w.sim.scheduleLate(due, EV.SERVER_DEADLINE, i, conn, LATE.SERVER);
  }

  /** the first grid point after tracking started: the first heartbeat the connection can send */
  private firstSendUs(i: number, originUs: number): number {
    const eta = this.intervalUs;
    const k = Math.max(1, Math.floor((this.trackedUs[i] - originUs) / eta) + 1);
    return originUs + k * eta;
  }
}
