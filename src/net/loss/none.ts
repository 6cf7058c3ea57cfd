// No loss: every message gets through.
import * as z from "zod";
import { strict } from "../../scenario/fields.js";
import type { LossLawSpec, LossModel } from "./spec.js";

export interface NoLossPlan {
  readonly model: "none";
}

const schema = strict({ model: z.literal("none").describe("No message is lost") });

class NoLoss implements LossModel {
  lost(): boolean {
    return false;
  }
}

export const noLoss: LossLawSpec<NoLossPlan, typeof schema> = {
  model: "none",
  schema,
  resolve: (input) => ({ ...input }),
  stateBits: 0,
  make: () => new NoLoss(),
  longRunLoss: () => 0,
  examples: [{ model: "none" }],
};
