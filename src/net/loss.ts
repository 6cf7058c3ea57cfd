// Loss models. Gilbert-Elliott keeps one bit of state per client and
// direction; the chain steps once per message, then the message is lost with
// the loss probability of the state it is in. Every chain starts Good.
import type { ClientStreams } from "../random/counter-rng.js";
import type { LossPlan } from "../scenario/plan.js";

export interface LossModel {
  /** decides whether this message of client i is lost, advancing its state */
  lost(rng: ClientStreams, client: number): boolean;
}

class NoLoss implements LossModel {
  lost(): boolean {
    return false;
  }
}

class Bernoulli implements LossModel {
  constructor(private readonly p: number) {}
  lost(rng: ClientStreams, i: number): boolean {
    return rng.next(i) < this.p;
  }
}

class GilbertElliott implements LossModel {
  private readonly bad: Uint8Array;
  constructor(
    private readonly pGoodToBad: number,
    private readonly pBadToGood: number,
    private readonly lossGood: number,
    private readonly lossBad: number,
    clients: number,
  ) {
    this.bad = new Uint8Array(clients);
  }
  lost(rng: ClientStreams, i: number): boolean {
    const bad = this.bad;
    const u = rng.next(i);
    const nowBad = bad[i] === 1 ? u >= this.pBadToGood : u < this.pGoodToBad;
    bad[i] = nowBad ? 1 : 0;
    return rng.next(i) < (nowBad ? this.lossBad : this.lossGood);
  }
}

export function lossModel(plan: LossPlan, clients: number): LossModel {
  switch (plan.model) {
    case "none":
      return new NoLoss();
    case "bernoulli":
      return new Bernoulli(plan.p);
    case "gilbert-elliott":
      return new GilbertElliott(plan.pGoodToBad, plan.pBadToGood, plan.lossGood, plan.lossBad, clients);
  }
}
