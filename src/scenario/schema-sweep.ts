// The `sweep` block: which values to run a scenario at, for `sim sweep`.
// Parameters are dotted paths, as --set takes them; each has a list of
// values or a range. How the values combine (cartesian, or zip groups that
// move together) is src/sweep/points.ts; `sim run` ignores the block.

import * as z from "zod";
import { intRange, strict } from "./fields.js";

/** the most jobs (points x strategies x replications) a sweep runs without --force */
export const DEFAULT_MAX_JOBS = 10_000;

const scalar = z.union([z.number(), z.string(), z.boolean()], { error: "expected a number, a string or true/false" });
const bound = z.union([z.number(), z.string()], { error: 'expected a number or a duration such as "30s"' });

const rangeSchema = strict({
  from: bound.describe("First value: a number, or a duration"),
  to: bound.describe("Last value at most: a number, or a duration"),
  step: bound.optional().describe("Linear range: from, from + step, ... up to to (> 0)"),
  factor: z.number({ error: "expected a number > 1" }).optional().describe("Geometric range: from, from x factor, ... up to to (> 1)"),
}).describe('A range of values: {"from": "10s", "to": "120s", "step": "10s"} or {"from": 1000, "to": 100000, "factor": 10}');

const axisSchema = z.union([z.array(scalar, { error: "expected a list of values" }).min(1, { error: "expected at least one value" }), rangeSchema], {
  error: 'expected a list of values such as ["30s", "60s"], or a range such as {"from": "10s", "to": "120s", "step": "10s"}',
});

export const sweepSchema = strict({
  vary: z
    .record(z.string(), axisSchema, { error: "expected an object whose keys are dotted paths, as --set takes them" })
    .default({})
    .describe('The values to run at, by dotted path as --set takes them: {"strategies.client-30s.interval": ["15s", "30s", "60s"]}'),
  zip: z
    .array(z.array(z.string()).min(2, { error: "expected at least two paths that move together" }), {
      error: 'expected a list of groups of paths, such as [["strategies.a.interval", "strategies.a.timeout"]]',
    })
    .default([])
    .describe("Groups of paths whose values move together (the k-th values of each, at once) instead of combining; every path of a group has as many values"),
  invalid: z
    .enum(["refuse", "skip"])
    .default("refuse")
    .describe('A point that breaks a rule (timeout <= interval): "refuse" the whole sweep before anything runs, or "skip" it and list it in sweep-skipped.csv. Default "refuse"'),
  maxJobs: intRange(1, 100_000_000)
    .default(DEFAULT_MAX_JOBS)
    .describe(`The most jobs (points x strategies x replications) to run without --force. Default ${DEFAULT_MAX_JOBS}`),
})
  .optional()
  .describe("Values to sweep with `sim sweep` (ignored by run and check)");
