// The link's side of the loss laws (one file each in loss/, listed in
// loss/registry.ts): a link makes its law's model once, so the per-message
// path calls the law's own class with no dispatch on its name.
import type { LossPlan } from "../scenario/plan.js";
import { lossLawOf } from "./loss/registry.js";
import type { LossModel, StateBits } from "./loss/spec.js";

export type { LossModel, StateBits } from "./loss/spec.js";

/** one state bit per client in an array of its own, for a link used without the packed record */
export function ownStateBits(clients: number): StateBits {
  return { words: new Float64Array(clients), stride: 1, slot: 0, bit: 1 };
}

export function lossModel(plan: LossPlan, bits: StateBits): LossModel {
  return lossLawOf(plan).make(plan, bits);
}
