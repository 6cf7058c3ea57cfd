// The shortcuts' oracle: one plan and strategy run twice, with every exact
// shortcut (src/model/shortcuts.ts) and with none, must tell the same story:
// the summary row apart from events and fingerprint, the detections and the
// time series, byte for byte.
import { expect } from "vitest";
import { ALL_SHORTCUTS, NO_SHORTCUTS, type Shortcuts } from "../../src/model/shortcuts.js";
import { World } from "../../src/model/world.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { expectSameOutcome, outcome } from "./outcome.js";

export function runWith(p: Plan, s: StrategyPlan, replication: number, shortcuts: Shortcuts) {
  return outcome(new World(p, s, replication, makePolicy(s), makeDetector(s), shortcuts));
}

/** runs s both ways and compares; returns both outcomes for further checks */
export function expectShortcutsExact(p: Plan, s: StrategyPlan, replication = 0) {
  const on = runWith(p, s, replication, ALL_SHORTCUTS);
  const off = runWith(p, s, replication, NO_SHORTCUTS);
  expectSameOutcome(on, off);
  return { on, off };
}
