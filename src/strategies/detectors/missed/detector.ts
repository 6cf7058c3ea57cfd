// The source's "weight degrades step by step until the connection is
// released": one server-wide sweep per interval; a connection heard from
// since the previous sweep gets its standing back to `threshold`, one not
// heard from loses a point, and at zero it is released. The sweep runs late
// in its instant, so a message arriving at the sweep's instant is credited.
import { EV, LATE } from "../../../model/kinds.js";
import type { ModelContext } from "../../../model/ports.js";
import { SelfTimedDetector } from "../self-timed.js";

export class MissedDetector extends SelfTimedDetector {
  private w!: ModelContext;
  private standing!: Int32Array;
  private lastSweepUs = -1;

  constructor(private readonly threshold: number) {
    super();
  }

  install(w: ModelContext): void {
    this.w = w;
    this.standing = new Int32Array(w.count);
    w.sim.onShared(EV.SERVER_SWEEP, (_s, _d, now) => this.sweep(now));
    w.sim.scheduleLate(w.strategy.intervalUs, EV.SERVER_SWEEP, 0, 0, LATE.SERVER);
  }

  tracked(i: number): void {
    this.standing[i] = this.threshold;
  }

  heard(): void {} // the sweep reads the last-heard time

  private sweep(now: number): void {
    const t = this.w.state;
    const standing = this.standing;
    const since = this.lastSweepUs;
    for (let i = 0; i < t.count; i++) {
      if (!t.tracked(i)) continue;
      if (t.serverHeard(i) > since) standing[i] = this.threshold;
      else if (--standing[i] === 0) this.w.serverSide.release(i, now);
    }
    this.lastSweepUs = now;
    this.w.sim.scheduleLate(now + this.w.strategy.intervalUs, EV.SERVER_SWEEP, 0, 0, LATE.SERVER);
  }
}
