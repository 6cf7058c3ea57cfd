// Runs -> the three CSV files of section 5. Pure: text, no I/O. Each file
// comes back as a lazy sequence of chunks (header first), produced as the
// writer asks for them: a detections file of a million-client day (hundreds
// of MB) is never held whole.
//
// csv-stringify writes the headers and the summary, and quotes every cell
// that could need it. The long files, time series and detections, have one
// such cell per run (the strategy name, quoted once by the library); every
// other cell is a number, a boolean or empty, which CSV never quotes. Their
// lines are joined by hand and written straight into byte chunks: the
// library's per-row machinery was 3.5 us a row, 18 s of a million-client
// day's 5 million detections, against 0.5 us.
import { DETECTION_COLUMNS, SUMMARY_COLUMN_NAMES, SUMMARY_COLUMNS, TIMESERIES_COLUMNS } from "../metrics/columns.js";
import type { StrategyRun } from "../metrics/types.js";
import type { Plan } from "../scenario/plan.js";
import { csvText } from "./csv-format.js";
import { runJson } from "./run-json.js";
import { formatCell, formatInt, formatMicros } from "./number.js";
import { statsCsv, summaryCells } from "./sweep-csv.js";

export type CsvChunks = Iterable<string | Uint8Array>;

const CHUNK_BYTES = 1 << 20;

function header(names: readonly string[]): string {
  return csvText([names]);
}

/** one cell as the library would write it (quoted if it needs to be) */
function quotedCell(value: string): string {
  return csvText([[value]]).slice(0, -1);
}

export function summaryCsv(runs: readonly StrategyRun[]): CsvChunks {
  const rows = runs.map((run) => SUMMARY_COLUMNS.map(([name, format]) => formatCell(run.summary[name], format)));
  return [header(SUMMARY_COLUMN_NAMES), ...(rows.length > 0 ? [csvText(rows)] : [])];
}

/** The header, then the lines packed into chunks of about CHUNK_BYTES. */
function* packed(head: string, lines: Iterable<string>): Iterable<string | Uint8Array> {
  yield head;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let pos = 0;
  for (const line of lines) {
    // a UTF-16 unit is at most 3 bytes of UTF-8
    if (pos + 3 * line.length > CHUNK_BYTES) {
      if (pos > 0) yield buf.subarray(0, pos);
      buf = Buffer.allocUnsafe(CHUNK_BYTES);
      pos = 0;
      if (3 * line.length > CHUNK_BYTES) {
        yield line;
        continue;
      }
    }
    pos += buf.write(line, pos, "utf8");
  }
  if (pos > 0) yield buf.subarray(0, pos);
}

export function timeseriesCsv(runs: readonly StrategyRun[]): CsvChunks {
  return packed(header(TIMESERIES_COLUMNS), timeseriesLines(runs));
}

function* timeseriesLines(runs: readonly StrategyRun[]): Iterable<string> {
  for (const run of runs) {
    const ts = run.timeseries;
    const lead = `${quotedCell(run.strategy)},${formatInt(run.replication)}`;
    for (let k = 0; k < ts.serverIn.length; k++) {
      // bucket start, then the bucket's counts
      yield `${lead},${formatMicros(k * ts.bucketUs)},${formatInt(ts.serverIn[k])},${formatInt(ts.serverOut[k])},` +
        `${formatInt(ts.tracked[k])},${formatInt(ts.releases[k])},${formatInt(ts.falsePositives[k])}\n`;
    }
  }
}

export function detectionsCsv(runs: readonly StrategyRun[]): CsvChunks {
  return packed(header(DETECTION_COLUMNS), detectionLines(runs));
}

function* detectionLines(runs: readonly StrategyRun[]): Iterable<string> {
  for (const run of runs) {
    const d = run.detections;
    const lead = `${quotedCell(run.strategy)},${formatInt(run.replication)}`;
    for (let i = 0; i < d.count; i++) {
      // the latency is NaN for a live client: an empty cell
      yield `${lead},${d.client[i]},${formatMicros(d.tUs[i])},${d.crashed[i] ? "true" : "false"},${formatMicros(d.latencyUs[i])}\n`;
    }
  }
}

/**
 * The files `sim run` writes, by name, each produced as it is written; with
 * more than one replication, also each strategy's statistics over them; and
 * run.json, what the CSV files do not say (src/output/run-json.ts).
 */
export function resultFiles(runs: readonly StrategyRun[], plan: Plan, simVersion: string): Record<string, CsvChunks> {
  const replicated = runs.some((r) => r.replication > 0);
  const strategies = [...new Set(runs.map((r) => r.strategy))];
  return {
    "run.json": [runJson(plan, simVersion, strategies)],
    "summary.csv": summaryCsv(runs),
    ...(replicated ? { "summary-stats.csv": [runStatsCsv(runs)] } : {}),
    "timeseries.csv": timeseriesCsv(runs),
    "detections.csv": detectionsCsv(runs),
  };
}

function runStatsCsv(runs: readonly StrategyRun[]): string {
  return statsCsv([], runs.map((run) => ({ point: 0, values: [], cells: summaryCells(run) })), false);
}
