// The link's side of the delay laws (one file each in delay/, listed in
// delay/registry.ts): pure functions from a client's stream to a delay in
// integer µs, truncated at 0. Each is made once per link into an object of
// the law's own class, so the per-message path does no dispatch on the law's
// name and its call site can take the law's method in.
import type { DelayPlan } from "../scenario/plan.js";
import { delayLawOf } from "./delay/registry.js";
import type { DeferrableDelay, DelaySampler } from "./delay/spec.js";

export type { DeferrableDelay, DelaySampler } from "./delay/spec.js";

export function delaySampler(plan: DelayPlan): DelaySampler {
  return delayLawOf(plan).sampler(plan);
}

/** the law's bounds and one-uniform form, if it can be stepped over (see DeferrableDelay); null otherwise */
export function deferrableDelay(plan: DelayPlan): DeferrableDelay | null {
  return delayLawOf(plan).deferrable(plan);
}
