// Every delay law, one line each (its file in this folder): the scenario
// schema, the network checks, the plan and the link's sampler read them from
// here. Laws import nothing back from this file.
import * as z from "zod";
import { notAnObject } from "../../scenario/fields.js";
import type { DelayLawSpec } from "./spec.js";
import { constantDelay } from "./constant.js";
import { exponentialDelay } from "./exponential.js";
import { lognormalDelay } from "./lognormal.js";
import { normalDelay } from "./normal.js";
import { paretoDelay } from "./pareto.js";
import { uniformDelay } from "./uniform.js";

export const DELAY_LAWS = [constantDelay, uniformDelay, normalDelay, lognormalDelay, exponentialDelay, paretoDelay] as const;

/** a link's `delay` field: one of the laws' objects, by `dist` (zod types the union only from a written-out list: the same as DELAY_LAWS, test/net/registry.test.ts) */
export const delaySchema = z
  .discriminatedUnion(
    "dist",
    [constantDelay.schema, uniformDelay.schema, normalDelay.schema, lognormalDelay.schema, exponentialDelay.schema, paretoDelay.schema],
    { error: notAnObject('expected a delay distribution object such as {"dist": "constant", "value": "40ms"}') },
  )
  .describe("One-way delay distribution of each message, chosen by \"dist\"; every draw is truncated at 0");

type PlanOf<L> = L extends DelayLawSpec<infer P, infer _S> ? P : never;

/** a link's resolved delay law: one of the laws' plans, by `dist` */
export type DelayPlan = PlanOf<(typeof DELAY_LAWS)[number]>;

/** the spec of a plan's or an input's delay law, typed loosely: each spec reads only its own dist */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function delayLawOf(delay: { readonly dist: DelayPlan["dist"] }): DelayLawSpec<any, any> {
  const spec = DELAY_LAWS.find((s) => s.dist === delay.dist);
  if (spec === undefined) throw new Error(`no delay law "${delay.dist}"`);
  return spec;
}
