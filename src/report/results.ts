// A results folder read back for a report: which kind it is (a run's or a
// sweep's), every file there and whole, and each checked against the others
// (the row counts of one run agree across files), so that a half-written,
// mixed or edited folder is refused with one line instead of drawn.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { UserError } from "../errors.js";
import { SUMMARY_COLUMN_NAMES, SUMMARY_COLUMNS, TIMESERIES_COLUMNS, type SummaryColumn } from "../metrics/columns.js";
import { KEY_METRICS, type KeyMetric } from "../metrics/stats.js";
import { RESULTS_FORMAT, type RunJson } from "../output/run-json.js";
import { statsHeader } from "../output/sweep-csv.js";
import { AGAIN, readCsv, rowsOf, type CsvRow } from "./csv-file.js";
import { scanDetections, type DetectionsScan } from "./detections.js";

export type SummaryValues = Readonly<Record<SummaryColumn, number | string | null>>;

export interface TimeseriesRow {
  readonly strategy: number;
  readonly replication: number;
  readonly tS: number;
  readonly serverIn: number;
  readonly serverOut: number;
  readonly tracked: number;
  readonly releases: number;
  readonly falsePositives: number;
}

export interface RunResults {
  readonly kind: "run";
  readonly dir: string;
  readonly about: RunJson;
  /** time-series buckets a run has (the last may be short) */
  readonly buckets: number;
  /** strategies in summary.csv's order */
  readonly strategies: readonly string[];
  /** [strategy][replication] */
  readonly summary: readonly (readonly SummaryValues[])[];
  readonly timeseries: readonly TimeseriesRow[];
  readonly detections: DetectionsScan;
}

export interface Estimate {
  readonly mean: number | null;
  readonly n: number;
  readonly low: number | null;
  readonly high: number | null;
}

export interface SweepPoint {
  readonly point: number;
  /** the swept values as sweep.csv has them (seconds for durations) */
  readonly values: readonly string[];
  readonly strategy: string;
  readonly metrics: Readonly<Record<KeyMetric, Estimate>>;
  readonly pareto: boolean;
}

export interface SweepResults {
  readonly kind: "sweep";
  readonly dir: string;
  readonly scenario: string;
  readonly clients: number;
  readonly durationS: number;
  readonly replications: number;
  /** the swept columns' names: the dotted paths, _s for durations */
  readonly swept: readonly string[];
  readonly points: readonly SweepPoint[];
}

export type Results = RunResults | SweepResults;

const RUN_FILES = ["summary.csv", "timeseries.csv", "detections.csv", "run.json"];
const SWEEP_FILES = ["sweep.csv", "sweep-stats.csv"];

export function readResults(dir: string): Results {
  if (!existsSync(dir)) throw new UserError(`${dir} does not exist: give a folder that sim run or sim sweep wrote`);
  if (!statSync(dir).isDirectory()) throw new UserError(`${dir} is a file: give the folder that sim run or sim sweep wrote`);
  const names = new Set(readdirSync(dir));
  if (names.has("sweep-shard.json")) {
    throw new UserError(`${dir} is one shard of a sweep: join the shards with sim merge, then report the merged folder`);
  }
  const present = (list: readonly string[]) => list.filter((f) => names.has(f));
  const run = present(RUN_FILES);
  const sweep = present(SWEEP_FILES);
  if (run.length > 0 && sweep.length > 0) throw new UserError(`${dir} holds both a run's files (${run[0]}) and a sweep's (${sweep[0]}): give one of each kind`);
  if (run.length > 0) {
    const missing = RUN_FILES.find((f) => !names.has(f));
    if (missing === "run.json") throw new UserError(`${dir} has no run.json: written by an earlier version of sim, or copied in part; run the scenario again`);
    if (missing !== undefined) throw new UserError(`${dir} is half-written: it has ${run[0]} but no ${missing}; run the scenario again`);
    return readRun(dir);
  }
  if (sweep.length > 0) {
    const missing = SWEEP_FILES.find((f) => !names.has(f));
    if (missing !== undefined) throw new UserError(`${dir} is half-written: it has ${sweep[0]} but no ${missing}; make the sweep again`);
    return readSweep(dir);
  }
  if (names.has(".jobs")) {
    const done = readdirSync(join(dir, ".jobs")).filter((f) => f.endsWith(".json")).length;
    throw new UserError(`${dir} holds an unfinished sweep (${done} jobs done, no sweep.csv yet): finish it with sim sweep --resume`);
  }
  throw new UserError(`${dir} has no results: expected summary.csv (from sim run) or sweep.csv (from sim sweep)`);
}

const runJsonShape = z.object({
  format: z.number(),
  sim: z.string(),
  scenario: z.string(),
  seed: z.number().int(),
  replications: z.number().int().positive(),
  clients: z.number().int().positive(),
  duration_s: z.number().positive(),
  bucket_s: z.number().positive(),
  restarts: z.array(z.object({ at_s: z.number().nonnegative(), down_for_s: z.number().nonnegative() })),
  strategies: z.array(z.string()).min(1),
});

function readAbout(path: string): RunJson {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UserError(`${path} is not JSON (${(err as Error).message}): ${AGAIN}`);
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (typeof format === "number" && format !== RESULTS_FORMAT) {
    throw new UserError(`${path}: results format ${format}, this sim reads format ${RESULTS_FORMAT}: written by another version of sim; run the scenario again`);
  }
  const parsed = runJsonShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${path}: ${issue.path.join(".") || "the file"}: ${issue.message}; ${AGAIN}`);
  }
  return parsed.data;
}

function readRun(dir: string): RunResults {
  const about = readAbout(join(dir, "run.json"));
  const strategyIndex = new Map(about.strategies.map((s, k) => [s, k]));
  const summaryFile = readCsv(join(dir, "summary.csv"), { exact: SUMMARY_COLUMN_NAMES });
  const summary = about.strategies.map(() => new Array<SummaryValues | undefined>(about.replications).fill(undefined));
  for (const row of rowsOf(summaryFile)) {
    const strategy = strategyOf(row, strategyIndex);
    const rep = row.count("replication", { int: true, min: 0 });
    if (rep >= about.replications) row.fail("replication", `replication ${rep}, but run.json says ${about.replications}`);
    if (summary[strategy][rep] !== undefined) row.fail("strategy", `a second row of ${about.strategies[strategy]} #${rep}`);
    if (row.text("scenario") !== about.scenario) row.fail("scenario", `"${row.text("scenario")}", but run.json is of "${about.scenario}"`);
    if (row.count("clients") !== about.clients) row.fail("clients", `${row.text("clients")}, but run.json says ${about.clients}`);
    summary[strategy][rep] = summaryValues(row);
  }
  summary.forEach((reps, k) =>
    reps.forEach((v, rep) => {
      if (v === undefined) throw new UserError(`${summaryFile.path} has no row of ${about.strategies[k]} #${rep}: a half-written or edited file; run the scenario again`);
    }),
  );

  const tsFile = readCsv(join(dir, "timeseries.csv"), { exact: TIMESERIES_COLUMNS });
  const buckets = Math.ceil(about.duration_s / about.bucket_s - 1e-9);
  const seen = about.strategies.map(() => new Array<number>(about.replications).fill(0));
  const timeseries = rowsOf(tsFile).map((row): TimeseriesRow => {
    const strategy = strategyOf(row, strategyIndex);
    const replication = row.count("replication", { int: true, min: 0 });
    if (replication >= about.replications) row.fail("replication", `replication ${replication}, but run.json says ${about.replications}`);
    const k = seen[strategy][replication]++;
    const tS = row.count("t_s", { min: 0 });
    if (Math.abs(tS - k * about.bucket_s) > 1e-6) row.fail("t_s", `${tS}, but bucket ${k} of ${about.bucket_s} s starts at ${k * about.bucket_s}`);
    const int = { int: true, min: 0 };
    const tracked = row.count("tracked", int);
    if (tracked > about.clients) row.fail("tracked", `${tracked} tracked of ${about.clients} clients`);
    return {
      strategy,
      replication,
      tS,
      serverIn: row.count("server_in", int),
      serverOut: row.count("server_out", int),
      tracked,
      releases: row.count("releases", int),
      falsePositives: row.count("false_positives", int),
    };
  });
  seen.forEach((reps, k) =>
    reps.forEach((got, rep) => {
      if (got !== buckets) {
        throw new UserError(`${tsFile.path} has ${got} buckets of ${about.strategies[k]} #${rep}, a ${about.duration_s} s run has ${buckets}: a half-written or edited file; run the scenario again`);
      }
    }),
  );

  const detections = scanDetections(join(dir, "detections.csv"), {
    strategies: about.strategies,
    replications: about.replications,
    clients: about.clients,
    durationUs: Math.round(about.duration_s * 1e6),
  });
  about.strategies.forEach((name, k) => {
    for (let rep = 0; rep < about.replications; rep++) {
      const s = summary[k][rep] as SummaryValues;
      const agree = (got: number, column: SummaryColumn, what: string) => {
        if (got !== s[column]) {
          throw new UserError(`${join(dir, "detections.csv")} has ${got} ${what} of ${name} #${rep}, summary.csv says ${column} = ${s[column]}: files of different runs, or edited; run the scenario again`);
        }
      };
      agree(detections.crashed[k][rep], "detected", "releases of crashed clients");
      agree(detections.live[k][rep], "false_positives", "releases of live clients");
    }
  });
  return { kind: "run", dir, about, buckets, strategies: about.strategies, summary: summary as SummaryValues[][], timeseries, detections };
}

function strategyOf(row: CsvRow, index: ReadonlyMap<string, number>): number {
  const name = row.text("strategy");
  const k = index.get(name);
  if (k === undefined) return row.fail("strategy", `strategy "${name}" is not in run.json`);
  return k;
}

function summaryValues(row: CsvRow): SummaryValues {
  const values: Partial<Record<SummaryColumn, number | string | null>> = {};
  for (const [name, format] of SUMMARY_COLUMNS) {
    values[name] = format === "text" ? row.text(name) : row.number(name, { empty: true, int: format === "int" });
  }
  return values as SummaryValues;
}


function readSweep(dir: string): SweepResults {
  const sweepFile = readCsv(join(dir, "sweep.csv"), { lead: ["point"] });
  const scenarioAt = sweepFile.header.indexOf("scenario");
  if (scenarioAt < 1) throw new UserError(`${sweepFile.path}: no "scenario" column after the swept ones: ${AGAIN}`);
  const swept = sweepFile.header.slice(1, scenarioAt);
  const after = sweepFile.header.slice(scenarioAt);
  if (after.length !== SUMMARY_COLUMN_NAMES.length || after.some((c, k) => c !== SUMMARY_COLUMN_NAMES[k])) {
    const k = after.findIndex((c, i) => c !== SUMMARY_COLUMN_NAMES[i]);
    throw new UserError(`${sweepFile.path}: column ${scenarioAt + k + 1} of the header should be "${SUMMARY_COLUMN_NAMES[k] ?? "(none)"}", found "${after[k] ?? "nothing"}": ${AGAIN}`);
  }
  const sweepRows = rowsOf(sweepFile);
  if (sweepRows.length === 0) throw new UserError(`${sweepFile.path} has no rows: a sweep with nothing run; make it again`);
  const first = sweepRows[0];
  const statsFile = readCsv(join(dir, "sweep-stats.csv"), { exact: statsHeader(swept) });
  const reps = new Map<string, number>();
  for (const row of sweepRows) {
    const key = `${row.count("point", { int: true, min: 0 })}\u0000${row.text("strategy")}`;
    reps.set(key, (reps.get(key) ?? 0) + 1);
  }
  const points = rowsOf(statsFile).map((row): SweepPoint => {
    const point = row.count("point", { int: true, min: 0 });
    const strategy = row.text("strategy");
    const n = reps.get(`${point}\u0000${strategy}`);
    if (n === undefined) row.fail("strategy", `point ${point} of ${strategy} is not in sweep.csv: files of different sweeps`);
    const metrics = {} as Record<KeyMetric, Estimate>;
    for (const m of KEY_METRICS) {
      const e = {
        mean: row.number(`${m}_mean`, { empty: true }),
        n: row.count(`${m}_n`, { int: true, min: 0 }),
        low: row.number(`${m}_ci95_low`, { empty: true }),
        high: row.number(`${m}_ci95_high`, { empty: true }),
      };
      if (e.n > (n as number)) row.fail(`${m}_n`, `${e.n} values, but sweep.csv has ${n} runs of this point`);
      metrics[m] = e;
    }
    const pareto = row.text("pareto");
    if (pareto !== "true" && pareto !== "false") row.fail("pareto", `expected true or false, found "${pareto}"`);
    return { point, values: swept.map((c) => row.text(c)), strategy, metrics, pareto: pareto === "true" };
  });
  if (points.length === 0) throw new UserError(`${statsFile.path} has no rows: a half-written file; make the sweep again`);
  if (points.length !== reps.size) throw new UserError(`${statsFile.path} has ${points.length} point-strategies, sweep.csv has ${reps.size}: files of different sweeps, or edited; make it again`);
  return {
    kind: "sweep",
    dir,
    scenario: first.text("scenario"),
    clients: first.count("clients", { int: true, min: 1 }),
    durationS: first.count("duration_s", { min: 0 }),
    replications: Math.max(...reps.values()),
    swept,
    points,
  };
}
