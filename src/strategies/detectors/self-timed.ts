// Detectors that keep deadlines of their own (missed, phi, freshness) have no
// use for the hooks through which the heartbeat timers tell the timeout
// detector when they will look again; this is where those hooks do nothing.
import type { ModelContext } from "../../model/ports.js";
import type { Detector } from "../types.js";

export abstract class SelfTimedDetector implements Detector {
  abstract install(w: ModelContext): void;
  abstract tracked(i: number, conn: number, nowUs: number): void;
  abstract heard(i: number, conn: number, nowUs: number): void;
  pinged(_i: number, _conn: number, _nowUs: number): void {}
  nextVisit(_i: number, _conn: number, _nextUs: number, _pingArriveUs: number): void {}
  answered(_i: number, _conn: number, _arriveUs: number): void {}
  clientVisited(_i: number, _conn: number, _arriveUs: number): void {}
}
