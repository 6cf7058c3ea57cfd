// Runs -> the three CSV files of section 5. Pure: text, no I/O. Each file
// comes back as a lazy sequence of chunks (header first, then at most
// CHUNK_ROWS rows each), produced as the writer asks for them: a detections
// file of a million-client day (hundreds of MB) is never held whole.
import { stringify } from "csv-stringify/sync";
import { DETECTION_COLUMNS, SUMMARY_COLUMN_NAMES, SUMMARY_COLUMNS, TIMESERIES_COLUMNS } from "../metrics/columns.js";
import type { StrategyRun } from "../metrics/types.js";
import { formatCell, formatInt, formatMicros } from "./number.js";

type CsvChunks = Iterable<string>;

const CHUNK_ROWS = 50_000;

// "\n" line ends everywhere (RFC 4180 asks for CRLF, but every spreadsheet
// and CSV reader accepts LF, and LF keeps the files diff-friendly).
const OPTIONS = { record_delimiter: "unix", quoted_empty: false } as const;

function header(names: readonly string[]): string {
  return stringify([names], OPTIONS);
}

/** Rows are produced lazily per run and stringified in bounded chunks. */
function* chunked(head: string, rows: Iterable<string[]>): Iterable<string> {
  yield head;
  let batch: string[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === CHUNK_ROWS) {
      yield stringify(batch, OPTIONS);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, OPTIONS);
}

export function summaryCsv(runs: readonly StrategyRun[]): CsvChunks {
  return chunked(header(SUMMARY_COLUMN_NAMES), summaryRows(runs));
}

function* summaryRows(runs: readonly StrategyRun[]): Iterable<string[]> {
  for (const run of runs) {
    yield SUMMARY_COLUMNS.map(([name, format]) => formatCell(run.summary[name], format));
  }
}

export function timeseriesCsv(runs: readonly StrategyRun[]): CsvChunks {
  return chunked(header(TIMESERIES_COLUMNS), timeseriesRows(runs));
}

function* timeseriesRows(runs: readonly StrategyRun[]): Iterable<string[]> {
  for (const run of runs) {
    const ts = run.timeseries;
    const rep = formatInt(run.replication);
    for (let k = 0; k < ts.serverIn.length; k++) {
      yield [
        run.strategy,
        rep,
        formatMicros(k * ts.bucketUs), // bucket start
        formatInt(ts.serverIn[k]),
        formatInt(ts.serverOut[k]),
        formatInt(ts.tracked[k]),
        formatInt(ts.releases[k]),
        formatInt(ts.falsePositives[k]),
      ];
    }
  }
}

export function detectionsCsv(runs: readonly StrategyRun[]): CsvChunks {
  return chunked(header(DETECTION_COLUMNS), detectionRows(runs));
}

function* detectionRows(runs: readonly StrategyRun[]): Iterable<string[]> {
  for (const run of runs) {
    const d = run.detections;
    const rep = formatInt(run.replication);
    for (let i = 0; i < d.count; i++) {
      yield [
        run.strategy,
        rep,
        String(d.client[i]),
        formatMicros(d.tUs[i]),
        d.crashed[i] ? "true" : "false",
        formatMicros(d.latencyUs[i]), // NaN (not crashed) -> empty
      ];
    }
  }
}

/** The files `sim run` writes, by name, each produced as it is written. */
export function resultFiles(runs: readonly StrategyRun[]): Record<string, CsvChunks> {
  return {
    "summary.csv": summaryCsv(runs),
    "timeseries.csv": timeseriesCsv(runs),
    "detections.csv": detectionsCsv(runs),
  };
}
