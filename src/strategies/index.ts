// Builds the strategy and detector a StrategyPlan names.
import type { StrategyPlan } from "../scenario/plan.js";
import { ClientInitiated } from "./client-initiated.js";
import { specOf } from "./detectors/registry.js";
import { ServerInitiated } from "./server-initiated.js";
import type { Detector, HeartbeatPolicy } from "./types.js";

export function makePolicy(s: StrategyPlan): HeartbeatPolicy {
  return s.initiator === "server" ? new ServerInitiated() : new ClientInitiated(s.ack);
}

export function makeDetector(s: StrategyPlan): Detector {
  return specOf(s.detector).make(s.detector);
}
