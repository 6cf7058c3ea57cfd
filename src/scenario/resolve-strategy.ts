// One strategy of the schema's output -> StrategyPlan: the defaults that
// depend on other fields (the interval an adaptive strategy starts at, the
// timeout a detector implies when none is given). Runs on checked input only.

import { specOf } from "../strategies/detectors/registry.js";
import { STRATEGY_DEFAULTS } from "./schema-strategy.js";
import type { ParsedScenario } from "./schema.js";
import type { AdaptivePlan, DetectorPlan, StrategyPlan } from "./plan.js";

type Strategy = ParsedScenario["strategies"][number];

/**
 * The silences a strategy allows, given or implied: its longest interval (an
 * adaptive one can grow to max), its detector, the silence that detector
 * implies at that interval, the server's timeout (given, else implied) and
 * the client's (given, else the server's). The checks judge these and the
 * plan is built from them, so the two never disagree. Undefined where the
 * input leaves them open (the checks report that).
 */
export function strategyTimeouts(s: Strategy) {
  const longestUs = s.adaptive?.max ?? s.interval ?? 0;
  const detector = resolveDetector(s.detector);
  const silenceUs = detectorSilenceUs(detector, longestUs);
  const timeoutUs = s.timeout ?? silenceUs;
  return { longestUs, detector, silenceUs, timeoutUs, clientTimeoutUs: s.clientTimeout ?? timeoutUs };
}

export function resolveStrategy(s: Strategy): StrategyPlan {
  const adaptive = resolveAdaptive(s.adaptive);
  // checks.ts guarantees exactly one of interval and adaptive
  const intervalUs = adaptive?.minUs ?? s.interval;
  const { detector, timeoutUs, clientTimeoutUs } = strategyTimeouts(s);
  if (intervalUs === undefined || timeoutUs === undefined || clientTimeoutUs === undefined) {
    throw new Error(`unchecked strategy ${s.name} reached resolve`);
  }
  return {
    name: s.name,
    initiator: s.initiator,
    intervalUs,
    timeoutUs,
    clientTimeoutUs,
    ack: s.ack ?? STRATEGY_DEFAULTS.ack,
    jitter: s.jitter,
    schedule: s.schedule ?? STRATEGY_DEFAULTS.schedule,
    detector,
    piggyback: s.piggyback,
    adaptive,
  };
}

export function resolveDetector(d: Strategy["detector"]): DetectorPlan {
  return specOf(d).resolve(d) as DetectorPlan;
}

/**
 * The silence after which the detector releases a client whose heartbeats
 * came exactly every `intervalUs` (each detector's spec says how); it stands
 * in for `timeout` when none is given (it then only sets clientTimeout's
 * default). Undefined for "timeout", which needs its timeout.
 */
export function detectorSilenceUs(d: DetectorPlan, intervalUs: number): number | undefined {
  return specOf(d).silenceUs(d, intervalUs);
}

function resolveAdaptive(a: Strategy["adaptive"]): AdaptivePlan | null {
  if (a === undefined) return null;
  return {
    minUs: a.min,
    maxUs: a.max,
    stepUs: a.step,
    successes: a.successes,
    settleBackUs: a.settleBack,
    failures: a.failures,
  };
}
