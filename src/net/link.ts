// One direction of every client's path to the server. A link decides "lost,
// or arrives after this many µs" and never looks at what is carried.
import type { ClientStreams } from "../random/counter-rng.js";
import type { LinkPlan } from "../scenario/plan.js";
import { delaySampler, type DelaySampler } from "./delay.js";
import { lossModel, type LossModel } from "./loss.js";

export const LOST = -1;

export class Link {
  private readonly loss: LossModel;
  private readonly delay: DelaySampler;

  constructor(
    plan: LinkPlan,
    private readonly lossRng: ClientStreams,
    private readonly delayRng: ClientStreams,
    clients: number,
  ) {
    this.loss = lossModel(plan.loss, clients);
    this.delay = delaySampler(plan.delay);
  }

  /** the delay in µs of client i's next message on this link, or LOST */
  transmit(client: number): number {
    if (this.loss.lost(this.lossRng, client)) return LOST;
    return this.delay(this.delayRng, client);
  }
}
