// Constant delay: every message takes the same time. It takes no uniform.
import * as z from "zod";
import { duration, durationDoc, strict } from "../../scenario/fields.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";

class ConstantSampler implements DelaySampler {
  constructor(private readonly valueUs: number) {}
  sample(): number {
    return this.valueUs;
  }
}

export interface ConstantDelayPlan {
  readonly dist: "constant";
  readonly valueUs: number;
}

const schema = strict({
  dist: z.literal("constant").describe("Every message takes the same delay"),
  value: duration(false).describe(durationDoc("The one-way delay")),
});

export const constantDelay: DelayLawSpec<ConstantDelayPlan, typeof schema> = {
  dist: "constant",
  schema,
  resolve: (d) => ({ dist: "constant", valueUs: d.value }),
  sampler: (plan) => new ConstantSampler(plan.valueUs),
  deferrable(plan) {
    const v = plan.valueUs;
    return { loUs: v, hiUs: v, draws: 0, fromUniform: () => v };
  },
  meanUs: (plan) => plan.valueUs,
  medianUs: (plan) => plan.valueUs,
  shortDelayUs: (plan) => plan.valueUs,
  examples: [{ dist: "constant", value: "42ms" }, { dist: "constant", value: 0 }],
};
