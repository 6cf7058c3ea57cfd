// Every detector, one line each (the folder's spec.ts): the scenario schema,
// the strategy checks, the plan, the memory estimate and the factory read
// them from here. Their DetectorPlan types are listed in plans.ts.
import * as z from "zod";
import { notAnObject } from "../../scenario/fields.js";
import type { DetectorPlan } from "./plans.js";
import type { DetectorSpec } from "./spec.js";
import { answer } from "./answer/spec.js";
import { freshness } from "./freshness/spec.js";
import { missed } from "./missed/spec.js";
import { phi } from "./phi/spec.js";
import { timeout } from "./timeout/spec.js";

export const DETECTORS = [timeout, missed, phi, freshness, answer] as const;

/** a strategy's `detector` field: one of the detectors' objects, by `kind` (zod types the union only from a written-out list: the same as DETECTORS, test/strategies/registry.test.ts) */
export const detectorSchema = z
  .discriminatedUnion("kind", [timeout.schema, missed.schema, phi.schema, freshness.schema, answer.schema], {
    error: notAnObject('expected a detector object such as {"kind": "timeout"}'),
  })
  .prefault({ kind: "timeout" })
  .describe('How silence becomes a release; default {"kind": "timeout"}');

export type DetectorInput = z.output<typeof detectorSchema>;

/** the spec of a plan's or an input's detector, typed loosely: each spec reads only its own kind */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function specOf(d: { readonly kind: DetectorPlan["kind"] }): DetectorSpec<any, any> {
  const spec = DETECTORS.find((s) => s.kind === d.kind);
  if (spec === undefined) throw new Error(`no detector "${d.kind}"`);
  return spec;
}
