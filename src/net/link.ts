// One direction of every client's path to the server. A link decides "lost,
// or arrives after this many µs" and never looks at what is carried. Loss
// and delay draw from one stream per client and direction, in a fixed order
// per message (the loss draws, then the delay draws of a delivered message).
import type { UniformSource } from "../random/uniform-source.js";
import type { LinkPlan } from "../scenario/plan.js";
import { delaySampler, type DelaySampler } from "./delay.js";
import { lossModel, type LossModel, type StateBits } from "./loss.js";

export const LOST = -1;

export class Link {
  private readonly loss: LossModel;
  private readonly delay: DelaySampler;

  constructor(
    plan: LinkPlan,
    private readonly rng: UniformSource,
    bits: StateBits,
  ) {
    this.loss = lossModel(plan.loss, bits);
    this.delay = delaySampler(plan.delay);
  }

  /** the delay in µs of client i's next message on this link, or LOST */
  transmit(client: number): number {
    if (this.loss.lost(this.rng, client)) return LOST;
    return this.delay(this.rng, client);
  }
}
