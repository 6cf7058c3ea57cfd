// Bernoulli loss: each message is lost on its own, with probability p.
import * as z from "zod";
import { fraction, strict } from "../../scenario/fields.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { LossLawSpec, LossModel } from "./spec.js";

export interface BernoulliPlan {
  readonly model: "bernoulli";
  readonly p: number;
}

const schema = strict({
  model: z.literal("bernoulli").describe("Each message is lost independently"),
  p: fraction().describe("Loss probability per message, 0 to 1"),
});

class Bernoulli implements LossModel {
  constructor(private readonly p: number) {}
  lost(rng: UniformSource, i: number): boolean {
    return rng.next(i) < this.p;
  }
}

export const bernoulliLoss: LossLawSpec<BernoulliPlan, typeof schema> = {
  model: "bernoulli",
  schema,
  resolve: (input) => ({ ...input }),
  stateBits: 0,
  make: (plan) => new Bernoulli(plan.p),
  longRunLoss: (plan) => plan.p,
  examples: [
    { model: "bernoulli", p: 0.003 },
    { model: "bernoulli", p: 0.07 },
    { model: "bernoulli", p: 0.5 },
    { model: "bernoulli", p: 1 },
  ],
};
