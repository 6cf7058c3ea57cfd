// Pareto (type I) delay, heavy-tailed: one uniform per message, but
// unbounded, so never deferred.
import * as z from "zod";
import { duration, durationDoc, positiveNumber, strict } from "../../scenario/fields.js";
import { pareto } from "../../random/distributions.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";
import { toUs } from "./whole-us.js";

class ParetoSampler implements DelaySampler {
  constructor(
    private readonly minUs: number,
    private readonly alpha: number,
  ) {}
  sample(rng: UniformSource, i: number): number {
    return toUs(pareto(rng.next(i), this.minUs, this.alpha));
  }
}

export interface ParetoDelayPlan {
  readonly dist: "pareto";
  readonly minUs: number;
  readonly alpha: number;
}

const schema = strict({
  dist: z.literal("pareto").describe("Pareto (heavy-tailed) delay"),
  min: duration(true).describe(durationDoc("Scale: the smallest delay, > 0")),
  alpha: positiveNumber().describe("Shape (tail index), > 0; smaller means a heavier tail"),
});

export const paretoDelay: DelayLawSpec<ParetoDelayPlan, typeof schema> = {
  dist: "pareto",
  schema,
  resolve: (d) => ({ dist: "pareto", minUs: d.min, alpha: d.alpha }),
  sampler: (plan) => new ParetoSampler(plan.minUs, plan.alpha),
  deferrable: () => null,
  // no mean at all when alpha <= 1
  meanUs: (plan) => (plan.alpha > 1 ? (plan.alpha * plan.minUs) / (plan.alpha - 1) : Infinity),
  medianUs: (plan) => plan.minUs * Math.pow(2, 1 / plan.alpha),
  shortDelayUs: (plan) => plan.minUs,
  // alpha > 2, for a finite variance (the contract suite checks the mean)
  examples: [
    { dist: "pareto", min: "30ms", alpha: 3 },
    { dist: "pareto", min: "10ms", alpha: 6 },
  ],
};
