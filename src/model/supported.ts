// Combinations the contract allows on paper but that have no meaning for the
// model: an adaptive interval without the acknowledgements it learns from,
// or the freshness detector (NFD-S) without the fixed heartbeat schedule its
// formula rests on. They are refused up front, naming the field, rather
// than run with a field silently meaning nothing.
import type { Plan } from "../scenario/plan.js";

export interface Unsupported {
  /** JSON path of the field, as in validation messages */
  readonly path: string;
  readonly what: string;
}

export function unsupportedFeature(plan: Plan): Unsupported | undefined {
  for (const [k, s] of plan.strategies.entries()) {
    // an adaptive interval learns from acknowledged heartbeats
    if (s.adaptive && !s.ack) return { path: `strategies[${k}].ack`, what: "an adaptive interval needs ack: true" };
    // freshness credits each arrival to a heartbeat of a fixed grid (see src/strategies/detectors/freshness.ts)
    if (s.detector.kind === "freshness" && s.jitter > 0) {
      return { path: `strategies[${k}].jitter`, what: "the freshness detector needs jitter 0" };
    }
    if (s.detector.kind === "freshness" && (s.piggyback || s.adaptive || plan.clients.traffic)) {
      const path = s.piggyback ? `strategies[${k}].piggyback` : s.adaptive ? `strategies[${k}].adaptive` : "clients.traffic";
      return { path, what: "the freshness detector needs heartbeats alone, on a fixed schedule" };
    }
  }
  return undefined;
}
