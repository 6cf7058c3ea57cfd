// `sim report DIR`: a results folder in, report.html (and, asked for, each
// chart as an SVG file) out. Everything is read and checked before anything
// is written, so a folder refused is a folder untouched. The same folder
// gives the same bytes: nothing of the machine, the path or the clock goes
// into the page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic, writeFolderAtomic } from "../output/atomic.js";
import type { Chart } from "./chart.js";
import { CHARTS_DIR, REPORT_FILE } from "./names.js";
import { pageHtml, type Page, type Table } from "./html.js";
import { chartSvgs, compileCharts } from "./render.js";
import { readResults, type Results, type RunResults, type SweepResults } from "./results.js";
import { meanOf, runCharts, type LatencySummary } from "./run-charts.js";
import { sweepCharts } from "./sweep-charts.js";
import { bestOf, METRIC_ROWS, formatMetric, metricRow } from "../output/table.js";


export interface Made {
  readonly kind: Results["kind"];
  readonly file: string;
  readonly bytes: number;
  readonly charts: number;
  /** the SVG files written, with --svg */
  readonly svgs: number;
}

/** a report made in memory, from a folder read and checked whole; written only by write() */
export interface PreparedReport {
  write(): Made;
}

export async function prepareReport(dir: string, options: { readonly svg: boolean }): Promise<PreparedReport> {
  const results = readResults(dir);
  const page = results.kind === "run" ? runPage(results) : sweepPage(results);
  const compiled = await compileCharts(page.charts);
  const html = pageHtml({ ...page, compiled }, pageScript());
  const svgs = options.svg ? await chartSvgs(compiled) : undefined;
  return {
    write: () => {
      const file = join(dir, REPORT_FILE);
      writeFileAtomic(file, html);
      if (svgs !== undefined) {
        writeFolderAtomic(join(dir, CHARTS_DIR), Object.fromEntries([...svgs].map(([id, svg]) => [`${id}.svg`, svg])), { carryOver: false });
      }
      return { kind: results.kind, file, bytes: Buffer.byteLength(html), charts: page.charts.length, svgs: svgs?.size ?? 0 };
    },
  };
}

function pageScript(): string {
  // beside this module once built: dist/report/page.js (scripts/bundle.mjs)
  const path = fileURLToPath(new URL("../report/page.js", import.meta.url));
  return readFileSync(path, "utf8");
}

type Draft = Omit<Page, "compiled">;

function runPage(r: RunResults): Draft {
  const { charts, latency } = runCharts(r);
  const reps = r.about.replications;
  return {
    title: `${r.about.scenario}: heartbeat strategies compared`,
    facts: [
      `${r.about.clients.toLocaleString("en-US")} clients`,
      `${hours(r.about.duration_s)} simulated`,
      `${r.strategies.length} strategies`,
      reps > 1 ? `${reps} replications from seed ${r.about.seed}` : `seed ${r.about.seed}`,
      `sim ${r.about.sim}`,
    ],
    tables: [runTable(r, latency)],
    charts,
    notes: [
      `Made by sim report from summary.csv, timeseries.csv and detections.csv; the CSV files hold every figure at full precision.`,
      ...(reps > 1 ? [`The table shows means over ${reps} replications; summary-stats.csv has their 95% intervals.`] : []),
    ],
  };
}

function runTable(r: RunResults, latency: readonly LatencySummary[]): Table {
  // the strategy's outcomes; the scenario's own counts (crashes, events...) are in summary.csv
  const rows = METRIC_ROWS.filter(
    (row) => row.better !== undefined && (!row.optional || r.summary.some((reps) => reps.some((s) => s[row.column] !== null))),
  );
  const values = r.strategies.map((_, k) => rows.map((row) => meanOf(r.summary[k].map((s) => s[row.column]))));
  const best = rows.map((row, j) => bestOf(row, values.map((v) => v[j])));
  // the p50 (from detections.csv: summary.csv has none per strategy over replications) beside the mean
  const p50Label = `detection latency p50 (s)${r.about.replications > 1 ? ", pooled" : ""}`;
  const p50 = latency.map((l) => l.p50);
  const p50Best = bestOf({ label: "", short: "", column: "detection_latency_p50_s", decimals: 3, better: "low" }, p50);
  const at = rows.findIndex((row) => row.column === "detection_latency_mean_s") + 1;
  const cells = (k: number) => {
    const list = rows.map((row, j) => ({ text: formatMetric(row, values[k][j]), numeric: true, best: best[j] !== null && values[k][j] === best[j] }));
    list.splice(at, 0, { text: p50[k] === null ? "-" : (p50[k] as number).toFixed(3), numeric: true, best: p50Best !== null && p50[k] === p50Best });
    return list;
  };
  const head = rows.map((row) => row.label);
  head.splice(at, 0, p50Label);
  return {
    caption: "Summary (best of each column highlighted)",
    head: ["strategy", ...head],
    rows: r.strategies.map((name, k) => [{ text: name }, ...cells(k)]),
  };
}

function sweepPage(r: SweepResults): Draft {
  const charts: Chart[] = sweepCharts(r);
  return {
    title: `${r.scenario}: a sweep of ${r.swept.length === 1 ? r.swept[0] : `${r.swept.length} parameters`}`,
    facts: [
      ...(r.swept.length > 1 ? [r.swept.join(", ")] : []),
      `${r.clients.toLocaleString("en-US")} clients`,
      `${hours(r.durationS)} simulated`,
      `${new Set(r.points.map((p) => p.point)).size} points`,
      `${new Set(r.points.map((p) => p.strategy)).size} strategies`,
      `${r.replications} replication${r.replications === 1 ? "" : "s"} per point`,
    ],
    tables: [paretoTable(r)],
    tablesLast: true,
    charts,
    notes: ["Made by sim report from sweep.csv and sweep-stats.csv; means and 95% Student-t intervals as sweep-stats.csv gives them."],
  };
}

/** the objectives the Pareto mark is judged on (the client's cost both ways), as the terminal labels and rounds them */
const PARETO_COLUMNS = (
  ["detection_latency_p99_s", "false_positives_per_client_hour", "server_msgs_per_s_mean", "client_energy_j_per_hour_mean", "client_tx_per_hour_mean"] as const
).map((m) => ({ metric: m, row: metricRow(m) }));

function paretoTable(r: SweepResults): Table {
  const front = r.points.filter((p) => p.pareto);
  const columns = PARETO_COLUMNS.filter(({ metric }) => front.some((p) => p.metrics[metric].mean !== null));
  const best = columns.map(({ metric, row }) => bestOf(row, front.map((p) => p.metrics[metric].mean)));
  return {
    caption: `Pareto front: ${front.length} of ${r.points.length} point-strategies that no other beats on every one of detection p99, false releases, server load and client cost (best of each column highlighted)`,
    head: ["point", ...r.swept, "strategy", ...columns.map(({ row }) => row.label)],
    rows: front.map((p) => [
      { text: String(p.point), numeric: true },
      ...p.values.map((v) => ({ text: v, numeric: true })),
      { text: p.strategy },
      ...columns.map(({ metric, row }, j) => {
        const e = p.metrics[metric];
        const ci = e.low !== null && e.high !== null ? ` ± ${((e.high - e.low) / 2).toFixed(row.decimals)}` : "";
        return { text: `${formatMetric(row, e.mean)}${e.mean === null ? "" : ci}`, numeric: true, best: best[j] !== null && e.mean === best[j] };
      }),
    ]),
  };
}

function hours(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
