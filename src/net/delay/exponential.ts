// Exponential delay: one uniform per message, but unbounded, so never deferred.
import * as z from "zod";
import { duration, durationDoc, strict } from "../../scenario/fields.js";
import { exponential } from "../../random/distributions.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";
import { toUs } from "./whole-us.js";

class ExponentialSampler implements DelaySampler {
  constructor(private readonly meanUs: number) {}
  sample(rng: UniformSource, i: number): number {
    return toUs(exponential(rng.next(i), this.meanUs));
  }
}

export interface ExponentialDelayPlan {
  readonly dist: "exponential";
  readonly meanUs: number;
}

const schema = strict({
  dist: z.literal("exponential").describe("Exponentially distributed delay"),
  mean: duration(true).describe(durationDoc("Mean delay, > 0")),
});

export const exponentialDelay: DelayLawSpec<ExponentialDelayPlan, typeof schema> = {
  dist: "exponential",
  schema,
  resolve: (d) => ({ dist: "exponential", meanUs: d.mean }),
  sampler: (plan) => new ExponentialSampler(plan.meanUs),
  deferrable: () => null,
  meanUs: (plan) => plan.meanUs,
  medianUs: (plan) => plan.meanUs * Math.LN2,
  // 95% of delays exceed it
  shortDelayUs: (plan) => 0.05 * plan.meanUs,
  examples: [
    { dist: "exponential", mean: "50ms" },
    { dist: "exponential", mean: "200ms" },
  ],
};
