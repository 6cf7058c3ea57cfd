// Builds the strategy and detector a StrategyPlan names.
import type { StrategyPlan } from "../scenario/plan.js";
import { ClientInitiated } from "./client-initiated.js";
import { FreshnessDetector } from "./detectors/freshness.js";
import { MissedDetector } from "./detectors/missed.js";
import { PhiDetector } from "./detectors/phi.js";
import { TimeoutDetector } from "./detectors/timeout.js";
import { ServerInitiated } from "./server-initiated.js";
import type { Detector, HeartbeatPolicy } from "./types.js";

export function makePolicy(s: StrategyPlan): HeartbeatPolicy {
  return s.initiator === "server" ? new ServerInitiated() : new ClientInitiated();
}

export function makeDetector(s: StrategyPlan): Detector {
  switch (s.detector.kind) {
    case "timeout":
      return new TimeoutDetector();
    case "missed":
      return new MissedDetector(s.detector.threshold);
    case "phi":
      return new PhiDetector(s.detector);
    case "freshness":
      return new FreshnessDetector(s.detector.deltaUs);
  }
}
