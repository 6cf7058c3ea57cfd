// Every loss law, one line each (its file in this folder): the scenario
// schema, the network checks, the plan and the link's factory read them from
// here. Laws import nothing back from this file.
import * as z from "zod";
import { notAnObject } from "../../scenario/fields.js";
import type { LossLawSpec } from "./spec.js";
import { bernoulliLoss } from "./bernoulli.js";
import { gilbertElliottLoss } from "./gilbert-elliott.js";
import { noLoss } from "./none.js";

export const LOSS_LAWS = [noLoss, bernoulliLoss, gilbertElliottLoss] as const;

/** a link's `loss` field: one of the laws' objects, by `model` (zod types the union only from a written-out list: the same as LOSS_LAWS, test/net/registry.test.ts) */
export const lossSchema = z
  .discriminatedUnion("model", [noLoss.schema, bernoulliLoss.schema, gilbertElliottLoss.schema], {
    error: notAnObject('expected a loss model object such as {"model": "bernoulli", "p": 0.01}'),
  })
  .prefault({ model: "none" })
  .describe('Message loss model, chosen by "model"; default {"model": "none"}');

type PlanOf<L> = L extends LossLawSpec<infer P, infer _S> ? P : never;

/** a link's resolved loss law: one of the laws' plans, by `model` */
export type LossPlan = PlanOf<(typeof LOSS_LAWS)[number]>;

/** the spec of a plan's or an input's loss law, typed loosely: each spec reads only its own model */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lossLawOf(loss: { readonly model: LossPlan["model"] }): LossLawSpec<any, any> {
  const spec = LOSS_LAWS.find((s) => s.model === loss.model);
  if (spec === undefined) throw new Error(`no loss law "${loss.model}"`);
  return spec;
}
