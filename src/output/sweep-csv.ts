// The files of a sweep, and the statistics file of a run with replications.
// A job's result is its summary row as CSV cells (the same cells summary.csv
// has); sweep.csv puts the point and its swept values in front, and the
// statistics are computed from those cells, so a resumed sweep or merged
// shards, which read the cells back, give the same bytes. Pure.

import { SUMMARY_COLUMN_NAMES, SUMMARY_COLUMNS } from "../metrics/columns.js";
import type { StrategyRun } from "../metrics/types.js";
import { estimate, KEY_METRICS, paretoFront, type Estimate } from "../metrics/stats.js";
import { csvText as csv } from "./csv-format.js";
import { formatCell } from "./number.js";


/** a job's result: its summary row, as the CSV cells */
export function summaryCells(run: StrategyRun): string[] {
  return SUMMARY_COLUMNS.map(([name, format]) => formatCell(run.summary[name], format));
}

export interface SweptColumn {
  /** the column's name: the path, with _s for durations */
  readonly name: string;
}

export interface SweepRow {
  readonly point: number;
  /** the point's swept values, as cells */
  readonly values: readonly string[];
  /** the job's summary cells */
  readonly cells: readonly string[];
}

export function sweepCsv(columns: readonly SweptColumn[], rows: readonly SweepRow[]): string {
  const head = ["point", ...columns.map((c) => c.name), ...SUMMARY_COLUMN_NAMES];
  return csv([head, ...rows.map((r) => [String(r.point), ...r.values, ...r.cells])]);
}

const STAT_PARTS = ["mean", "sd", "n", "ci95_low", "ci95_high"] as const;
const column = (name: string) => SUMMARY_COLUMN_NAMES.indexOf(name as (typeof SUMMARY_COLUMN_NAMES)[number]);
const STRATEGY = column("strategy");

/** sweep-stats.csv's (and summary-stats.csv's, swept null) header: the point and swept columns, the strategy, each key metric's parts, the Pareto mark */
export function statsHeader(swept: readonly string[] | null): string[] {
  return [
    ...(swept !== null ? ["point", ...swept] : []),
    "strategy",
    ...KEY_METRICS.flatMap((m) => STAT_PARTS.map((part) => `${m}_${part}`)),
    "pareto",
  ];
}

function parse(cell: string): number | null {
  return cell === "" ? null : Number(cell);
}

/** per (point, strategy), in the order of their first row: estimates of the key metrics and the Pareto mark */
export function statsCsv(columns: readonly SweptColumn[], rows: readonly SweepRow[], withPoint = true): string {
  const groups = new Map<string, { lead: string[]; cells: (readonly string[])[] }>();
  for (const r of rows) {
    const strategy = r.cells[STRATEGY];
    const key = `${r.point}\u0000${strategy}`;
    const lead = withPoint ? [String(r.point), ...r.values, strategy] : [strategy];
    const g = groups.get(key) ?? { lead, cells: [] };
    g.cells.push(r.cells);
    groups.set(key, g);
  }
  const list = [...groups.values()];
  const estimates = list.map((g) => KEY_METRICS.map((m) => estimate(g.cells.map((c) => parse(c[column(m)])))));
  const pareto = paretoFront(estimates.map(objectives));
  const head = statsHeader(withPoint ? columns.map((c) => c.name) : null);
  const body = list.map((g, k) => [
    ...g.lead,
    ...estimates[k].flatMap((e) => [number(e.mean), number(e.sd), String(e.n), number(e.low), number(e.high)]),
    pareto[k] ? "true" : "false",
  ]);
  return csv([head, ...body]);
}

/**
 * What a choice is judged on: detection p99, false releases per client-hour,
 * server messages per second, and the client's cost: radio energy per hour,
 * or messages sent per hour without a radio model. All to be made small.
 */
function objectives(e: readonly Estimate[]): (number | null)[] {
  const at = (m: (typeof KEY_METRICS)[number]) => e[KEY_METRICS.indexOf(m)].mean;
  const energy = at("client_energy_j_per_hour_mean");
  return [at("detection_latency_p99_s"), at("false_positives_per_client_hour"), at("server_msgs_per_s_mean"), energy ?? at("client_tx_per_hour_mean")];
}

function number(x: number | null): string {
  return formatCell(x, "ratio");
}

export function skippedCsv(columns: readonly SweptColumn[], skipped: readonly { point: number; values: readonly string[]; reason: string }[]): string {
  return csv([["point", ...columns.map((c) => c.name), "reason"], ...skipped.map((s) => [String(s.point), ...s.values, s.reason])]);
}
