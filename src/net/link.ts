// One direction of every client's path to the server. A link decides "lost,
// or arrives after this many µs" and never looks at what is carried. Loss
// and delay draw from one stream per client and direction, in a fixed order
// per message (the loss draws, then the delay draws of a delivered message).
import type { UniformSource } from "../random/uniform-source.js";
import type { LinkPlan } from "../scenario/plan.js";
import { deferrableDelay, delaySampler, type DeferrableDelay, type DelaySampler } from "./delay.js";
import { lossModel, type LossModel, type StateBits } from "./loss.js";

export const LOST = -1;

export class Link {
  private readonly loss: LossModel;
  private readonly delay: DelaySampler;
  /** the delay law when its draw can be stepped over (see deferrableDelay); null otherwise */
  readonly deferrable: DeferrableDelay | null;

  constructor(
    plan: LinkPlan,
    private readonly rng: UniformSource,
    bits: StateBits,
  ) {
    this.loss = lossModel(plan.loss, bits);
    this.delay = delaySampler(plan.delay);
    this.deferrable = deferrableDelay(plan.delay);
  }

  /** the delay in µs of client i's next message on this link, or LOST */
  transmit(client: number): number {
    if (this.loss.lost(this.rng, client)) return LOST;
    return this.delay.sample(this.rng, client);
  }

  /**
   * The loss draws of client i's next message alone, as transmit makes them;
   * true if it gets through. The caller then steps over the delay's draws
   * (deferrable.draws of them) and may compute the delay with delayAt.
   * (transmit repeats the test instead of calling this: one call less per
   * message was 5% of a million-client run.)
   */
  delivered(client: number): boolean {
    return !this.loss.lost(this.rng, client);
  }

  /** the delay transmit would have drawn at position n of client i's stream (deferrable laws only) */
  delayAt(client: number, n: number): number {
    const law = this.deferrable!;
    return law.draws === 0 ? law.fromUniform(0) : law.fromUniform(this.rng.at(client, n));
  }
}
