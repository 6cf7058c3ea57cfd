// Normal delay, truncated at 0: one uniform per message, now and then a few more (the ziggurat).
import * as z from "zod";
import { duration, durationDoc, strict } from "../../scenario/fields.js";
import { standardNormal } from "../../random/ziggurat.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";
import { toUs } from "./whole-us.js";

class NormalSampler implements DelaySampler {
  constructor(
    private readonly meanUs: number,
    private readonly sdUs: number,
  ) {}
  sample(rng: UniformSource, i: number): number {
    return toUs(this.meanUs + this.sdUs * standardNormal(rng, i));
  }
}

export interface NormalDelayPlan {
  readonly dist: "normal";
  readonly meanUs: number;
  readonly sdUs: number;
}

const schema = strict({
  dist: z.literal("normal").describe("Normal delay, truncated at 0"),
  mean: duration(false).describe(durationDoc("Mean delay")),
  sd: duration(false).describe(durationDoc("Standard deviation of the delay")),
});

export const normalDelay: DelayLawSpec<NormalDelayPlan, typeof schema> = {
  dist: "normal",
  schema,
  resolve: (d) => ({ dist: "normal", meanUs: d.mean, sdUs: d.sd }),
  sampler: (plan) => new NormalSampler(plan.meanUs, plan.sdUs),
  deferrable: () => null,
  // the mean before truncation: the delays' mean when meanUs is several sdUs above 0 (spec.ts)
  meanUs: (plan) => plan.meanUs,
  medianUs: (plan) => plan.meanUs,
  shortDelayUs: (plan) => Math.max(0, plan.meanUs - 2 * plan.sdUs),
  // means at least 4 sd above 0, where truncation does not bite
  examples: [
    { dist: "normal", mean: "80ms", sd: "15ms" },
    { dist: "normal", mean: "100ms", sd: "10ms" },
    { dist: "normal", mean: "20ms", sd: 0 },
  ],
};
