// Silence >= timeout releases the connection: the server's side of the one
// deadline keeper both ends use (src/model/deadline-keeper.ts), which tells
// how the deadline takes an event only when it may be needed.
import { EV } from "../../../model/kinds.js";
import { DeadlineKeeper } from "../../../model/deadline-keeper.js";
import type { ModelContext } from "../../../model/ports.js";
import { SIDE } from "../../../model/state.js";
import type { Detector } from "../../types.js";

export class TimeoutDetector implements Detector {
  private keeper!: DeadlineKeeper;

  pinged(): void {} // silence is measured from the last message heard, not from pings

  install(w: ModelContext): void {
    const rule = {
      timeoutUs: w.strategy.timeoutUs,
      otherTalks: true, // a live client always says something: heartbeats, or answers to pings
      expire: (i: number, now: number) => w.serverSide.release(i, now),
    };
    const keeper = new DeadlineKeeper(w.sim, w.state, SIDE.SERVER, rule, w.visits, null);
    w.sim.on(EV.SERVER_DEADLINE, (i, conn, now) => keeper.fire(i, conn, now));
    this.keeper = keeper;
  }

  tracked(i: number, conn: number, now: number): void {
    this.keeper.started(i, conn, now);
  }
  heard(i: number, conn: number, now: number): void {
    this.keeper.heard(i, conn, now);
  }
  clientVisited(i: number, conn: number, arriveUs: number): void {
    this.keeper.otherFired(i, conn, arriveUs);
  }
  nextVisit(i: number, conn: number, nextUs: number, pingArriveUs: number): void {
    this.keeper.ownTimerSet(i, conn, nextUs, pingArriveUs);
  }
  answered(i: number, conn: number, arriveUs: number): void {
    this.keeper.ownAnswered(i, conn, arriveUs);
  }

  // The beat's visit finds a deferred deadline in time up to this bound;
  // hearing the beat then defers the deadline to the next beat (it fires
  // after the round and before the timeout, which is longer than the
  // interval), so nothing is armed.
  quietBeatByUs(i: number): number {
    return this.keeper.quietOtherByUs(i);
  }
}
