// One suite over every loss law of the registry (src/net/loss/registry.ts),
// over each parameter set its spec lists (spec.examples), on a plain Link: a
// law added to the registry is held to all of it at once.
//   - its example is a loss object the scenario schema and the law's checks accept;
//   - in the long run it loses spec.longRunLoss(plan) of its messages;
//   - it keeps its state in the bits it declares (stateBits) and touches no other.
import { describe, expect, it } from "vitest";
import { LOST } from "../../src/net/link.js";
import { LOSS_LAWS, lossLawOf, lossSchema } from "../../src/net/loss/registry.js";
import type { StateBits } from "../../src/net/loss.js";
import type { LossPlan } from "../../src/scenario/plan.js";
import { makeLink, mean, sd } from "../support/link.js";

const CLIENTS = 256;
/**
 * Messages per client drawn before counting, so each chain has forgotten
 * its start (Gilbert-Elliott starts Good): the examples' chains that move at
 * all mix within tens of messages (|1 - pGoodToBad - pBadToGood|^1000 < 1e-4).
 */
const WARM_UP = 1000;
const PER_CLIENT = 4000;

const cases = LOSS_LAWS.flatMap((spec) =>
  // the spec as the registry hands it out, typed for any of its laws' plans
  spec.examples.map((example) => [`${spec.model} ${JSON.stringify(example)}`, lossLawOf(spec), example] as const),
);

/** each client's share of lost messages after the warm-up */
function clientRates(plan: LossPlan): number[] {
  const link = makeLink({ loss: plan, delay: { dist: "constant", valueUs: 1 } }, CLIENTS);
  const lost = new Array<number>(CLIENTS).fill(0);
  for (let k = 0; k < WARM_UP; k++) for (let i = 0; i < CLIENTS; i++) link.transmit(i);
  for (let k = 0; k < PER_CLIENT; k++) for (let i = 0; i < CLIENTS; i++) if (link.transmit(i) === LOST) lost[i]++;
  return lost.map((n) => n / PER_CLIENT);
}

describe.each(cases)("loss law contract: %s", (_name, spec, example) => {
  const input = lossSchema.parse(example);
  const plan: LossPlan = spec.resolve(input);

  it("is a loss object the schema and the law's own checks accept", () => {
    expect(lossLawOf(input)).toBe(spec);
    expect(spec.check?.(input, ["loss"])).toBeUndefined();
  });

  it("loses spec.longRunLoss(plan) of its messages in the long run", () => {
    const rate = spec.longRunLoss(plan);
    expect(rate).toBeGreaterThanOrEqual(0);
    expect(rate).toBeLessThanOrEqual(1);
    const rates = clientRates(plan);
    const observed = mean(rates);
    // Each client's chain is its own (its own stream and bit), so the clients' rates are
    // independent draws of one law whatever the correlation along a chain: their spread gives
    // the standard error of the mean, the chain's autocorrelation included (a Gilbert-Elliott
    // chain's lambda = 1 - pGoodToBad - pBadToGood widens it by about (1 + lambda) / (1 - lambda)).
    const tolerance = (4 * sd(rates)) / Math.sqrt(CLIENTS);
    const agrees = (r: number) => Math.abs(observed - r) <= tolerance;
    expect(agrees(rate), `observed ${observed}, closed form ${rate}, tolerance ${tolerance}`).toBe(true);
    // and the check has teeth: a closed form 10% off (0.001 off a rate of 0) would fail it
    const wrong = rate === 0 ? [0.001] : [rate * 1.1, rate / 1.1];
    for (const r of wrong) expect(agrees(r), `a wrong rate ${r}`).toBe(false);
  });

  it(`keeps its state in the ${spec.stateBits} bit(s) it declares, and touches no other`, () => {
    // each client's word: a pattern in every bit but the law's, in a record of two words
    const clients = 16;
    const bit = 1 << 3;
    const words = new Float64Array(2 * clients);
    for (let i = 0; i < clients; i++) {
      words[2 * i] = 0x2d5a5a5a ^ i;
      words[2 * i + 1] = (0x35a5a5a5 ^ (i << 8)) & ~bit;
    }
    const before = Float64Array.from(words);
    const bits: StateBits = { words, stride: 2, slot: 1, bit };
    const link = makeLink({ loss: plan, delay: { dist: "constant", valueUs: 1 } }, clients, bits);
    for (let k = 0; k < 2000; k++) for (let i = 0; i < clients; i++) link.transmit(i);
    const mask = spec.stateBits === 1 ? ~bit : ~0;
    for (let at = 0; at < words.length; at++) expect(words[at] & mask, `word ${at}`).toBe(before[at] & mask);
  });
});
