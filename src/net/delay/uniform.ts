// Uniform delay on [min, max]: one uniform per message, so it can be deferred.
import * as z from "zod";
import { formatDurationUs as fmt } from "../../scenario/duration.js";
import { duration, durationDoc, strict } from "../../scenario/fields.js";
import { uniformBetween } from "../../random/distributions.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";
import { toUs } from "./whole-us.js";

class UniformSampler implements DelaySampler {
  constructor(
    private readonly minUs: number,
    private readonly maxUs: number,
  ) {}
  sample(rng: UniformSource, i: number): number {
    return toUs(uniformBetween(rng.next(i), this.minUs, this.maxUs));
  }
}

export interface UniformDelayPlan {
  readonly dist: "uniform";
  readonly minUs: number;
  readonly maxUs: number;
}

const schema = strict({
  dist: z.literal("uniform").describe("Delay uniform in [min, max]"),
  min: duration(false).describe(durationDoc("Smallest delay")),
  max: duration(false).describe(durationDoc("Largest delay, at least min")),
});

export const uniformDelay: DelayLawSpec<UniformDelayPlan, typeof schema> = {
  dist: "uniform",
  schema,
  resolve: (d) => ({ dist: "uniform", minUs: d.min, maxUs: d.max }),
  check(d, path) {
    if (d.max >= d.min) return undefined;
    return {
      kind: "expected",
      path: [...path, "max"],
      expected: `a duration no shorter than min (${fmt(d.min)})`,
      found: fmt(d.max),
    };
  },
  sampler: (plan) => new UniformSampler(plan.minUs, plan.maxUs),
  deferrable(plan) {
    const { minUs, maxUs } = plan;
    // toUs is monotone and u lies in [0, 1)
    return { loUs: toUs(minUs), hiUs: toUs(maxUs), draws: 1, fromUniform: (u) => toUs(uniformBetween(u, minUs, maxUs)) };
  },
  meanUs: (plan) => (plan.minUs + plan.maxUs) / 2,
  medianUs: (plan) => (plan.minUs + plan.maxUs) / 2,
  shortDelayUs: (plan) => plan.minUs,
  examples: [
    { dist: "uniform", min: "20ms", max: "90ms" },
    { dist: "uniform", min: "40ms", max: "60ms" },
    { dist: "uniform", min: "5ms", max: "5ms" },
  ],
};
