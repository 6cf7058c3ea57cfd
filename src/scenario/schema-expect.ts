// The `expect` block: regression bounds on summary columns, keyed by strategy
// name (or "*"). Strategy names are checked against the scenario in checks.ts.

import * as z from "zod";
import { NUMERIC_SUMMARY_COLUMNS } from "../metrics/columns.js";
import { strict } from "./fields.js";

export const BOUND_OPS = ["min", "max", "eq", "approx"] as const;

/** what a bound judges; `each` by default */
export const OVER = ["each", "mean", "ci95_low", "ci95_high"] as const;

const boundsSchema = strict({
  of: z
    .enum(OVER)
    .optional()
    .describe(
      'What the bounds judge: "each" replication (the default), or one figure over the replications: their "mean", ' +
        'or the low or high end of its 95% Student-t interval ("ci95_low", "ci95_high")',
    ),
  min: z.number().optional().describe("The column must be >= this in every replication"),
  max: z.number().optional().describe("The column must be <= this in every replication"),
  eq: z.number().optional().describe("The column must equal this in every replication"),
  approx: strict({
    value: z.number().describe("Expected value"),
    rel: z.number({ error: "expected a number >= 0" }).min(0).describe("Allowed relative difference, >= 0 (0.1 = 10%)"),
  })
    .optional()
    .describe("The column must be within value * (1 +- rel)"),
})
  .refine((b) => BOUND_OPS.some((op) => b[op] !== undefined), {
    error: `expected at least one of ${BOUND_OPS.join(", ")}`,
  })
  .meta({ id: "bounds", description: "Bounds on one summary column: one or more of min, max, eq, approx" });

const columnsShape: Record<string, z.ZodOptional<typeof boundsSchema>> = Object.fromEntries(
  NUMERIC_SUMMARY_COLUMNS.map((column) => [column, boundsSchema.optional().describe(`Bounds on the summary column ${column}`)]),
);

export const expectSchema = z
  .record(z.string(), strict(columnsShape).describe("Bounds per numeric summary column"), {
    error: "expected an object whose keys are strategy names or \"*\"",
  })
  .optional()
  .describe('Regression expectations judged by `sim check`: keys are strategy names or "*" (every strategy)');
