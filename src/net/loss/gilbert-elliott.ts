// Gilbert-Elliott loss: a two-state (Good/Bad) Markov chain per client and
// direction, kept in one bit. The chain steps once per message, then the
// message is lost with the loss probability of the state it is in. Every
// chain starts Good.
import * as z from "zod";
import { fraction, strict } from "../../scenario/fields.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { LossLawSpec, LossModel, StateBits } from "./spec.js";

export interface GilbertElliottPlan {
  readonly model: "gilbert-elliott";
  readonly pGoodToBad: number;
  readonly pBadToGood: number;
  readonly lossGood: number;
  readonly lossBad: number;
}

const schema = strict({
  model: z
    .literal("gilbert-elliott")
    .describe("Bursty loss: a two-state (good/bad) Markov chain stepped once per message"),
  pGoodToBad: fraction().describe("Probability of moving from good to bad per message, 0 to 1"),
  pBadToGood: fraction().describe("Probability of moving from bad to good per message, 0 to 1"),
  lossGood: fraction().describe("Loss probability in the good state, 0 to 1"),
  lossBad: fraction().describe("Loss probability in the bad state, 0 to 1"),
});

class GilbertElliott implements LossModel {
  constructor(
    private readonly pGoodToBad: number,
    private readonly pBadToGood: number,
    private readonly lossGood: number,
    private readonly lossBad: number,
    private readonly bits: StateBits,
  ) {}
  lost(rng: UniformSource, i: number): boolean {
    const { words, stride, slot, bit } = this.bits;
    const at = i * stride + slot;
    const wasBad = (words[at] & bit) !== 0;
    const u = rng.next(i);
    const nowBad = wasBad ? u >= this.pBadToGood : u < this.pGoodToBad;
    if (nowBad !== wasBad) words[at] = nowBad ? words[at] | bit : words[at] & ~bit;
    return rng.next(i) < (nowBad ? this.lossBad : this.lossGood);
  }
}

/**
 * The chain's long-run share of Bad steps, pGoodToBad / (pGoodToBad +
 * pBadToGood). With both 0 the chain never leaves Good, where it starts.
 * (Stepping before the loss draw matters only to the first messages.)
 */
function shareBad(plan: GilbertElliottPlan): number {
  const moves = plan.pGoodToBad + plan.pBadToGood;
  return moves === 0 ? 0 : plan.pGoodToBad / moves;
}

export const gilbertElliottLoss: LossLawSpec<GilbertElliottPlan, typeof schema> = {
  model: "gilbert-elliott",
  schema,
  resolve: (input) => ({ ...input }),
  stateBits: 1,
  make: (plan, bits) => new GilbertElliott(plan.pGoodToBad, plan.pBadToGood, plan.lossGood, plan.lossBad, bits),
  longRunLoss(plan) {
    const bad = shareBad(plan);
    return bad * plan.lossBad + (1 - bad) * plan.lossGood;
  },
  examples: [
    // bursts of 4 messages on average, 7% of the time
    { model: "gilbert-elliott", pGoodToBad: 0.02, pBadToGood: 0.25, lossGood: 0.01, lossBad: 0.6 },
    // 10k-mobile's uplink
    { model: "gilbert-elliott", pGoodToBad: 0.01, pBadToGood: 0.3, lossGood: 0.002, lossBad: 0.4 },
    // the state flips more often than not: successive messages anti-correlated
    { model: "gilbert-elliott", pGoodToBad: 0.6, pBadToGood: 0.7, lossGood: 0.05, lossBad: 0.3 },
    // Bad absorbs: every message lost once the chain gets there
    { model: "gilbert-elliott", pGoodToBad: 0.05, pBadToGood: 0, lossGood: 0.2, lossBad: 1 },
    // never moves: Good forever
    { model: "gilbert-elliott", pGoodToBad: 0, pBadToGood: 0, lossGood: 0.1, lossBad: 0.9 },
  ],
};
