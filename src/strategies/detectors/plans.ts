// Every detector's resolved settings, as a StrategyPlan carries them: one
// line per detector (the folder's plan.ts). A leaf of types, so the plan
// (src/scenario/plan.ts) can name them without importing any detector.
import type { AnswerPlan } from "./answer/plan.js";
import type { FreshnessPlan } from "./freshness/plan.js";
import type { MissedPlan } from "./missed/plan.js";
import type { PhiPlan } from "./phi/plan.js";
import type { TimeoutPlan } from "./timeout/plan.js";

export type DetectorPlan = TimeoutPlan | MissedPlan | PhiPlan | FreshnessPlan | AnswerPlan;
