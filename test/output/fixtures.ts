// Hand-made runs for the output tests: every summary column filled with a
// value derived from the column's position, overridable per test.
import { SUMMARY_COLUMN_NAMES, type SummaryRow } from "../../src/metrics/columns.js";
import type { StrategyRun } from "../../src/metrics/types.js";

export function makeRun(
  strategy: string,
  replication = 0,
  summary: Partial<Record<keyof SummaryRow, number | string | null>> = {},
): StrategyRun {
  const row: Record<string, number | string | null> = {};
  SUMMARY_COLUMN_NAMES.forEach((name, i) => (row[name] = i));
  Object.assign(row, { scenario: "demo", strategy, replication, fingerprint: "abc123" }, summary);
  return {
    strategy,
    replication,
    seed: 1,
    summary: row as SummaryRow,
    timeseries: {
      bucketUs: 1_500_000,
      serverIn: Float64Array.from([3, 4]),
      serverOut: Float64Array.from([5, 6]),
      tracked: Float64Array.from([7, 8]),
      releases: Float64Array.from([0, 1]),
      falsePositives: Float64Array.from([0, 1]),
    },
    detections: {
      count: 2,
      client: Int32Array.from([17, 4]),
      tUs: Float64Array.from([1_100_000, 2_000_001]),
      crashed: Uint8Array.from([1, 0]),
      latencyUs: Float64Array.from([250_000, NaN]),
    },
  };
}
