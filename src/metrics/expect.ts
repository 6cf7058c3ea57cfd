// Judging a scenario's `expect` block (section 7) against its summary rows.
// Pure: `sim check` prints the report and picks the exit code.
import type { Bound, Expectation } from "../scenario/plan.js";
import type { StrategyRun } from "./types.js";

export interface Failure {
  readonly strategy: string;
  readonly replication: number;
  readonly column: string;
  readonly bound: Bound;
  /** null when the cell is empty (e.g. no detections) */
  readonly actual: number | null;
}

export interface Judgement {
  /** (expectation, run) pairs that held */
  readonly passed: number;
  readonly failures: readonly Failure[];
}

/**
 * Every expectation is checked against every run (every replication) of the
 * strategy it names, or of every strategy for "*". Each (expectation, run)
 * pair counts once, in run order then expectation order.
 */
export function judge(expectations: readonly Expectation[], runs: readonly StrategyRun[]): Judgement {
  let passed = 0;
  const failures: Failure[] = [];
  for (const run of runs) {
    for (const e of expectations) {
      if (e.strategy !== "*" && e.strategy !== run.strategy) continue;
      const actual = numberOrNull((run.summary as Record<string, unknown>)[e.column]);
      if (holds(e.bound, actual)) passed++;
      else failures.push({ strategy: run.strategy, replication: run.replication, column: e.column, bound: e.bound, actual });
    }
  }
  return { passed, failures };
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
