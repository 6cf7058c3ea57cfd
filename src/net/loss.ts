// Loss models. Gilbert-Elliott keeps one bit of state per client and
// direction; the chain steps once per message, then the message is lost with
// the loss probability of the state it is in. Every chain starts Good.
import type { UniformSource } from "../random/uniform-source.js";
import type { LossPlan } from "../scenario/plan.js";

export interface LossModel {
  /** decides whether this message of client i is lost, advancing its state */
  lost(rng: UniformSource, client: number): boolean;
}

/**
 * Where a chain keeps its bit for client i: bit `bit` of words[i*stride + slot].
 * The model packs it into the client's record; alone, a link owns its array.
 */
export interface StateBits {
  readonly words: Float64Array;
  readonly stride: number;
  readonly slot: number;
  readonly bit: number;
}

export function ownStateBits(clients: number): StateBits {
  return { words: new Float64Array(clients), stride: 1, slot: 0, bit: 1 };
}

class NoLoss implements LossModel {
  lost(): boolean {
    return false;
  }
}

class Bernoulli implements LossModel {
  constructor(private readonly p: number) {}
  lost(rng: UniformSource, i: number): boolean {
    return rng.next(i) < this.p;
  }
}

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

export function lossModel(plan: LossPlan, bits: StateBits): LossModel {
  switch (plan.model) {
    case "none":
      return new NoLoss();
    case "bernoulli":
      return new Bernoulli(plan.p);
    case "gilbert-elliott":
      return new GilbertElliott(plan.pGoodToBad, plan.pBadToGood, plan.lossGood, plan.lossBad, bits);
  }
}
