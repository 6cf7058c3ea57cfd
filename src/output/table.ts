// The table `sim run` prints for a person at a terminal: one column per
// strategy (x replication when there are several), one row per headline
// metric, units in the labels; when that is wider than the terminal (16
// strategies made a 900-character line), strategies as rows, with short
// headers, split into stacked tables if even that does not fit. Rounded for
// reading; the CSV files carry the full precision.
import type { SummaryColumn } from "../metrics/columns.js";
import type { StrategyRun } from "../metrics/types.js";
import { formatInt } from "./number.js";

export interface MetricRow {
  readonly label: string;
  /** the header when strategies are rows: short, with the unit */
  readonly short: string;
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

export const METRIC_ROWS: readonly MetricRow[] = [
  { label: "server msgs/s, mean", short: "msgs/s mean", column: "server_msgs_per_s_mean", decimals: 1, better: "low" },
  { label: "server msgs/s, peak", short: "msgs/s peak", column: "server_msgs_per_s_peak", decimals: 1, better: "low" },
  { label: "crashes", short: "crashes", column: "crashes", decimals: 0 },
  { label: "detected", short: "detected", column: "detected", decimals: 0 },
  { label: "missed", short: "missed", column: "missed", decimals: 0, better: "low" },
  { label: "crashed while not tracked", short: "untracked", column: "crashes_untracked", decimals: 0 },
  { label: "detection latency mean (s)", short: "det mean s", column: "detection_latency_mean_s", decimals: 3, better: "low" },
  { label: "detection latency p99 (s)", short: "det p99 s", column: "detection_latency_p99_s", decimals: 3, better: "low" },
  { label: "detection latency max (s)", short: "det max s", column: "detection_latency_max_s", decimals: 3, better: "low" },
  { label: "false positives", short: "false pos", column: "false_positives", decimals: 0, better: "low" },
  { label: "false positives / client-h", short: "FP/client-h", column: "false_positives_per_client_hour", decimals: 4, better: "low" },
  { label: "query accuracy (%)", short: "accuracy %", column: "query_accuracy", decimals: 3, scale: 100, better: "high" },
  { label: "client tx msgs / h", short: "tx/h", column: "client_tx_per_hour_mean", decimals: 1, better: "low" },
  { label: "radio energy (J / client-h)", short: "J/client-h", column: "client_energy_j_per_hour_mean", decimals: 1, optional: true, better: "low" },
  { label: "radio wake-ups / client-h", short: "wakes/h", column: "client_wakeups_per_hour_mean", decimals: 1, optional: true, better: "low" },
  { label: "reconnects", short: "reconnects", column: "reconnects", decimals: 0, better: "low" },
  { label: "events", short: "events", column: "events", decimals: 0 },
];

const EMPTY = "-";
const GAP = "  ";

/** the row of a summary column: its label with the unit, its rounding, its better end */
export function metricRow(column: SummaryColumn): MetricRow {
  const row = METRIC_ROWS.find((r) => r.column === column);
  if (row === undefined) throw new Error(`no metric row for ${column}`);
  return row;
}

/** the terminal's width when it is one (held to 80-120), else 120 */
export function tableWidth(columns: number | undefined, isTTY: boolean): number {
  return isTTY && columns !== undefined ? Math.min(120, Math.max(80, columns)) : 120;
}

/** the rows some run has a value for */
export function shownRows(runs: readonly StrategyRun[]): MetricRow[] {
  return METRIC_ROWS.filter((row) => !row.optional || runs.some((run) => run.summary[row.column] !== null));
}

/** each run's name: the strategy, and its replication when there are several */
export function runNames(runs: readonly StrategyRun[]): string[] {
  const severalReps = new Set(runs.map((r) => r.replication)).size > 1;
  return runs.map((r) => (severalReps ? `${r.strategy} #${r.replication}` : r.strategy));
}

export function formatTable(runs: readonly StrategyRun[], title?: string, width = 120): string {
  const heads = runNames(runs);
  const rows = shownRows(runs);
  const cells = rows.map((row) => runs.map((run) => cell(run, row)));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const widths = heads.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (label: string, values: readonly string[]): string =>
    [label.padEnd(labelWidth), ...values.map((v, j) => v.padStart(widths[j]))].join(GAP).trimEnd();
  let out = [line("", heads), ...rows.map((row, i) => line(row.label, cells[i]))];
  if (out.some((l) => l.length > width)) out = strategiesAsRows(heads, rows, cells, width);
  if (title !== undefined) out.unshift(title);
  return out.join("\n") + "\n";
}

/**
 * Strategies as rows, metrics as columns under their short headers; the
 * metric columns split into as many stacked tables as it takes for each line
 * to fit `width` (a strategy name longer than that is still shown whole).
 */
function strategiesAsRows(heads: readonly string[], rows: readonly MetricRow[], cells: readonly (readonly string[])[], width: number): string[] {
  const nameWidth = Math.max("strategy".length, ...heads.map((h) => h.length));
  const colWidth = rows.map((row, i) => Math.max(row.short.length, ...cells[i].map((c) => c.length)));
  const split = (limit: number): number[][] => {
    const groups: number[][] = [];
    let used = nameWidth;
    for (let i = 0; i < rows.length; i++) {
      const need = GAP.length + colWidth[i];
      if (groups.length === 0 || used + need > limit) {
        groups.push([]);
        used = nameWidth;
      }
      groups[groups.length - 1].push(i);
      used += need;
    }
    return groups;
  };
  // as few tables as fit, then as even as that many allow (no table of one column left over)
  let groups = split(width);
  for (let limit = nameWidth + 1; limit < width && groups.length > 1; limit++) {
    const even = split(limit);
    if (even.length === groups.length) {
      groups = even;
      break;
    }
  }
  const out: string[] = [];
  groups.forEach((group, g) => {
    if (g > 0) out.push("");
    const line = (name: string, values: readonly string[]) =>
      [name.padEnd(nameWidth), ...values.map((v, k) => v.padStart(colWidth[group[k]]))].join(GAP).trimEnd();
    out.push(line("strategy", group.map((i) => rows[i].short)));
    heads.forEach((h, j) => out.push(line(h, group.map((i) => cells[i][j]))));
  });
  return out;
}

function cell(run: StrategyRun, row: MetricRow): string {
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
