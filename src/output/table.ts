// The side-by-side table `sim run` prints for a person at a terminal: one
// column per strategy (x replication when there are several), one row per
// headline metric, units in the labels. Rounded for reading; the CSV files
// carry the full precision.
import type { SummaryColumn } from "../metrics/columns.js";
import type { StrategyRun } from "../metrics/types.js";
import { formatInt } from "./number.js";

export interface MetricRow {
  readonly label: string;
  readonly column: SummaryColumn;
  /** decimals shown; 0 = integer */
  readonly decimals: number;
  /** multiply before showing (e.g. 100 for a percentage) */
  readonly scale?: number;
  /** shown only when some run has a value (radio columns without a radio model) */
  readonly optional?: boolean;
  /** which end is the better one, for highlighting; none for counts that are the scenario's, not the strategy's */
  readonly better?: "low" | "high";
}
type Row = MetricRow;

export const METRIC_ROWS: readonly MetricRow[] = [
  { label: "server msgs/s, mean", column: "server_msgs_per_s_mean", decimals: 1, better: "low" },
  { label: "server msgs/s, peak", column: "server_msgs_per_s_peak", decimals: 1, better: "low" },
  { label: "crashes", column: "crashes", decimals: 0 },
  { label: "detected", column: "detected", decimals: 0 },
  { label: "missed", column: "missed", decimals: 0, better: "low" },
  { label: "crashed while not tracked", column: "crashes_untracked", decimals: 0 },
  { label: "detection latency mean (s)", column: "detection_latency_mean_s", decimals: 3, better: "low" },
  { label: "detection latency p99 (s)", column: "detection_latency_p99_s", decimals: 3, better: "low" },
  { label: "detection latency max (s)", column: "detection_latency_max_s", decimals: 3, better: "low" },
  { label: "false positives", column: "false_positives", decimals: 0, better: "low" },
  { label: "false positives / client-h", column: "false_positives_per_client_hour", decimals: 4, better: "low" },
  { label: "query accuracy (%)", column: "query_accuracy", decimals: 3, scale: 100, better: "high" },
  { label: "client tx msgs / h", column: "client_tx_per_hour_mean", decimals: 1, better: "low" },
  { label: "radio energy (J / client-h)", column: "client_energy_j_per_hour_mean", decimals: 1, optional: true, better: "low" },
  { label: "radio wake-ups / client-h", column: "client_wakeups_per_hour_mean", decimals: 1, optional: true, better: "low" },
  { label: "reconnects", column: "reconnects", decimals: 0, better: "low" },
  { label: "events", column: "events", decimals: 0 },
];

const ROWS = METRIC_ROWS;
const EMPTY = "-";
const GAP = "  ";

export function formatTable(runs: readonly StrategyRun[], title?: string): string {
  const severalReps = new Set(runs.map((r) => r.replication)).size > 1;
  const heads = runs.map((r) => (severalReps ? `${r.strategy} #${r.replication}` : r.strategy));
  const rows = ROWS.filter((row) => !row.optional || runs.some((run) => run.summary[row.column] !== null));
  const cells = rows.map((row) => runs.map((run) => cell(run, row)));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const widths = heads.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (label: string, values: readonly string[]): string =>
    [label.padEnd(labelWidth), ...values.map((v, j) => v.padStart(widths[j]))].join(GAP).trimEnd();
  const out = [line("", heads), ...rows.map((row, i) => line(row.label, cells[i]))];
  if (title !== undefined) out.unshift(title);
  return out.join("\n") + "\n";
}

function cell(run: StrategyRun, row: Row): string {
  return formatMetric(row, run.summary[row.column]);
}

/** the best of a column's values (null: no direction, or nothing to compare) */
export function bestOf(row: MetricRow, values: readonly (number | string | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (row.better === undefined || xs.length < 2) return null;
  const best = row.better === "low" ? Math.min(...xs) : Math.max(...xs);
  // all alike: nothing stands out
  return xs.every((x) => x === best) ? null : best;
}

/** a value as the row shows it: rounded to its decimals, scaled, "-" when empty */
export function formatMetric(row: MetricRow, value: number | string | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) return EMPTY;
  const shown = value * (row.scale ?? 1);
  if (row.decimals === 0) return formatInt(shown);
  // fixed decimals (not trimmed) so the column lines up on the point
  const text = Math.abs(shown) < 1e21 ? shown.toFixed(row.decimals) : formatInt(shown);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
