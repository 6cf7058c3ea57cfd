// What a loss law is to the rest of the simulator: everything about one law
// in one file (loss/<name>.ts), listed once in registry.ts. The scenario
// schema, the network checks, the plan and the link's factory read the
// registry, so adding a law is one file and two lines in registry.ts
// (docs/architecture.md walks through it).
import type * as z from "zod";
import type { UniformSource } from "../../random/uniform-source.js";
import type { Path, Problem } from "../../scenario/messages.js";

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

export interface LossLawSpec<P extends { readonly model: string }, S extends z.ZodType> {
  readonly model: P["model"];
  /** its object in a link's `loss` field (a strict object with `model`) */
  readonly schema: S;
  /** the parsed object -> its plan */
  resolve(input: z.output<S>): P;
  /** the first thing wrong with it that its schema cannot say, or undefined; `path` is the loss object's */
  check?(input: z.output<S>, path: Path): Problem | undefined;
  /**
   * State bits it keeps per client and direction. The packed per-client
   * record (src/model/state.ts) holds one per direction, so a law needing
   * more would have to grow the record first.
   */
  readonly stateBits: 0 | 1;
  /** its run-time model, made once per link: the per-message path does no dispatch on the law's name */
  make(plan: P, bits: StateBits): LossModel;
  /** the long-run share of messages it loses, in closed form (what the run-size estimate needs of it) */
  longRunLoss(plan: P): number;
  /**
   * Parameter sets as a scenario writes them, for the contract suite
   * (test/net/loss-contract.test.ts), which holds the law's messages to
   * longRunLoss over each. Each must forget its starting state within a few
   * hundred messages.
   */
  readonly examples: readonly z.input<S>[];
}
