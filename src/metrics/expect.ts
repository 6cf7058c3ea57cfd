// Judging a scenario's `expect` block (section 7) against its summary rows.
// Pure: `sim check` prints the report and picks the exit code.
import type { Bound, Expectation, Over } from "../scenario/plan.js";
import { estimate } from "./stats.js";
import type { StrategyRun } from "./types.js";

/** One bound judged: on one replication, or on a figure over the replications of a strategy. */
export interface Check {
  readonly strategy: string;
  /** the replication judged; null for a figure over all of them */
  readonly replication: number | null;
  readonly column: string;
  readonly over: Over;
  readonly bound: Bound;
  /** null when the cell is empty (e.g. no detections) or the figure has too few values */
  readonly actual: number | null;
  readonly ok: boolean;
}

export interface Judgement {
  /** every check, in run order (per-replication ones) and then strategy order (figures over replications) */
  readonly checks: readonly Check[];
  readonly passed: number;
  readonly failures: readonly Check[];
}

/**
 * Every expectation judged "each" is checked against every run (every
 * replication) of the strategy it names, or of every strategy for "*"; one
 * judged over the replications ("mean", "ci95_low", "ci95_high") once per
 * strategy, on that figure of the column's values.
 */
export function judge(expectations: readonly Expectation[], runs: readonly StrategyRun[]): Judgement {
  const checks: Check[] = [];
  const applies = (e: Expectation, strategy: string) => e.strategy === "*" || e.strategy === strategy;
  for (const run of runs) {
    for (const e of expectations) {
      if (e.over !== "each" || !applies(e, run.strategy)) continue;
      const actual = numberOrNull((run.summary as Record<string, unknown>)[e.column]);
      checks.push({ strategy: run.strategy, replication: run.replication, column: e.column, over: e.over, bound: e.bound, actual, ok: holds(e.bound, actual) });
    }
  }
  const strategies = [...new Set(runs.map((r) => r.strategy))];
  for (const strategy of strategies) {
    const mine = runs.filter((r) => r.strategy === strategy);
    for (const e of expectations) {
      if (e.over === "each" || !applies(e, strategy)) continue;
      const est = estimate(mine.map((r) => numberOrNull((r.summary as Record<string, unknown>)[e.column])));
      const actual = e.over === "mean" ? est.mean : e.over === "ci95_low" ? est.low : est.high;
      checks.push({ strategy, replication: null, column: e.column, over: e.over, bound: e.bound, actual, ok: holds(e.bound, actual) });
    }
  }
  const failures = checks.filter((c) => !c.ok);
  return { checks, passed: checks.length - failures.length, failures };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && !Number.isNaN(value) ? value : null;
}

/** An empty cell satisfies no bound: "at most 80 s latency" with no detections is not a pass. */
export function holds(bound: Bound, actual: number | null): boolean {
  if (actual === null) return false;
  switch (bound.op) {
    case "min":
      return actual >= bound.value;
    case "max":
      return actual <= bound.value;
    case "eq":
      return actual === bound.value;
    case "approx":
      return Math.abs(actual - bound.value) <= bound.rel * Math.abs(bound.value);
  }
}
