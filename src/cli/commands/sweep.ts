// `sim sweep FILE`: run a scenario at every point of its `sweep` block and
// --vary values, every (point, replication, strategy) job through one pool
// of threads; write sweep.csv, sweep-stats.csv and sweep-skipped.csv. With
// --shard K/N, only every N-th job (from the K-th) into a shard folder that
// `sim merge` joins. Each finished job is kept under the output folder, so
// --resume picks an interrupted sweep up where it stopped.
import { join } from "node:path";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { UserError } from "../../errors.js";
import type { StrategyRun } from "../../metrics/types.js";
import { writeFolderAtomic } from "../../output/atomic.js";
import { formatCell } from "../../output/number.js";
import { skippedCsv, statsCsv, summaryCells, sweepCsv, type SweepRow } from "../../output/sweep-csv.js";
import { startJobs } from "../../parallel/pool.js";
import type { SetOption } from "../../scenario/set.js";
import type { Param, Point } from "../../sweep/points.js";
import { planSweep, type Sweep, type SweepJob } from "../../sweep/sweep.js";
import * as opt from "../options.js";
import { startJobProgress } from "../progress.js";
import { readScenarioText } from "../scenario-file.js";
import { flagEdits } from "../scenarios.js";
import { jobKey, keepJob, keptJob, MANIFEST, SHARD_ROWS, sweepIdentity, type ShardManifest } from "../sweep-files.js";
import { version } from "../version.js";
import { checkWritable } from "../writable.js";
import { CHARTS_DIR, REPORT_FILE } from "../../report/names.js";
import { makeReportFor } from "./report.js";

interface SweepArgs {
  file: string;
  vary: string[];
  set: string[];
  seed?: string;
  replications?: string;
  workers?: string;
  shard?: string;
  resume: boolean;
  out?: string;
  force: boolean;
  quiet: boolean;
  report: boolean;
  svg: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: "sweep <file>",
  describe: "run a scenario at every point of its sweep block and --vary values; write sweep.csv, sweep-stats.csv",
  builder: (y: Argv) =>
    y
      .positional("file", { type: "string", demandOption: true, describe: "scenario JSON file" })
      .option("vary", opt.VARY_OPTION)
      .option("set", opt.SET_OPTION)
      .option("seed", opt.SEED_OPTION)
      .option("replications", opt.REPLICATIONS_OPTION)
      .option("workers", opt.WORKERS_OPTION)
      .option("shard", { type: "string", describe: "run only shard K of N (K/N): every N-th job from the K-th; `sim merge` joins the shards" })
      .option("resume", { type: "boolean", default: false, describe: "skip the jobs an interrupted sweep already finished" })
      .option("out", { type: "string", describe: "output folder (default results/<name>-sweep)" })
      .option("force", { type: "boolean", default: false, describe: "run more jobs than the sweep's maxJobs" })
      .option("quiet", opt.QUIET_OPTION)
      .option("report", opt.REPORT_OPTION)
      .option("svg", opt.SVG_OPTION) as unknown as Argv<SweepArgs>,
  handler: async (args: ArgumentsCamelCase<SweepArgs>) => {
    const shard = parseShard(args.shard);
    if (args.svg && !args.report) throw new UserError("--svg draws the report's charts: give --report too");
    if (shard !== null && args.report) {
      throw new UserError("--report with --shard: a shard holds part of a sweep; join the shards with sim merge, then run sim report on the merged folder");
    }
    const workers = opt.checkWorkers(args.workers);
    const text = readScenarioText(args.file);
    const sets: SetOption[] = [...(args.set ?? []), ...flagEdits(args)];
    const warn = args.quiet ? undefined : (line: string) => process.stderr.write(`sim: warning: ${line}\n`);
    const sweep = planSweep(text, args.file, { sets, vary: args.vary ?? [], force: args.force, warn });
    const root = args.out ?? join("results", `${sweep.base.name}-sweep`);
    const dir = shard === null ? root : join(root, `shard-${shard.k}-of-${shard.n}`);
    checkWritable(dir);
    const mine = shard === null ? sweep.jobs : sweep.jobs.filter((j) => j.index % shard.n === shard.k - 1);
    const cells = await runJobs(mine, dir, args, workers);
    const columns = sweptColumns(sweep.params);
    const rows: SweepRow[] = mine.map((j, k) => ({ point: j.point, values: pointCells(sweep.points[j.point]), cells: cells[k] }));
    const skipped = sweep.skipped.map((s) => ({ point: s.point.index, values: pointCells(s.point), reason: s.reason }));
    if (shard === null) {
      writeFolderAtomic(dir, {
        "sweep.csv": sweepCsv(columns, rows),
        "sweep-stats.csv": statsCsv(columns, rows),
        "sweep-skipped.csv": skippedCsv(columns, skipped),
      }, { drop: [REPORT_FILE, CHARTS_DIR] });
    } else {
      const manifest: ShardManifest = {
        format: 1,
        version: version(),
        sweep: sweepIdentity(version(), text, sets, args.vary ?? []),
        scenario: sweep.base.name,
        shard: shard.k,
        of: shard.n,
        jobs: sweep.jobs.length,
        columns: columns.map((c) => c.name),
      };
      writeFolderAtomic(dir, {
        [MANIFEST]: JSON.stringify(manifest, null, 2) + "\n",
        [SHARD_ROWS]: mine.map((j, k) => JSON.stringify([j.index, rows[k].point, rows[k].values, rows[k].cells]) + "\n").join(""),
        "sweep-skipped.csv": skippedCsv(columns, skipped),
      });
    }
    if (!args.quiet) report(sweep, mine.length, dir, shard);
    if (args.report) await makeReportFor(dir, args.svg, args.quiet);
  },
};

/** `--shard K/N`: integers, 1 <= K <= N */
function parseShard(text: string | undefined): { k: number; n: number } | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m === null ? NaN : Number(m[1]);
  const n = m === null ? NaN : Number(m[2]);
  if (!(k >= 1 && n >= 1 && k <= n)) {
    throw new UserError(`--shard: expected K/N with 1 <= K <= N (shard K of N, e.g. 3/8), found ${JSON.stringify(text)}`);
  }
  return { k, n };
}

/** the cells of every job, in job order: kept ones (--resume) read back, the rest run */
async function runJobs(jobs: readonly SweepJob[], dir: string, args: SweepArgs, workers: number | undefined): Promise<string[][]> {
  const v = version();
  const keys = jobs.map((j) => jobKey(j, v));
  const cells: (string[] | undefined)[] = jobs.map((_, k) => (args.resume ? keptJob(dir, keys[k]) : undefined));
  const todo = jobs.map((_, k) => k).filter((k) => cells[k] === undefined);
  const progress = startJobProgress(`sweep ${args.file}`, jobs.length, jobs.length - todo.length, !args.quiet);
  try {
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    const run = startJobs(
      todo.map((k) => ({ plan: jobs[k].plan, job: jobs[k].job })),
      { workers, pause },
      (t: number, result: StrategyRun) => {
        const k = todo[t];
        cells[k] = summaryCells(result);
        keepJob(dir, keys[k], cells[k]!);
        progress.jobDone();
      },
    );
    await run.done;
  } finally {
    progress.stop();
  }
  return cells as string[][];
}

function sweptColumns(params: readonly Param[]): { name: string }[] {
  return params.map((p) => ({ name: p.duration ? `${p.path}_s` : p.path }));
}

function pointCells(point: Point): string[] {
  return point.values.map((v) => (typeof v.cell === "number" ? formatCell(v.cell, "ratio") : String(v.cell)));
}

function report(sweep: Sweep, ran: number, dir: string, shard: { k: number; n: number } | null): void {
  const s = sweep.base.strategies.length;
  const skipped = sweep.skipped.length > 0 ? ` (${sweep.skipped.length} skipped: see sweep-skipped.csv)` : "";
  const of = shard === null ? "" : `, shard ${shard.k} of ${shard.n}: ${ran} of them`;
  process.stderr.write(`${sweep.points.length} points${skipped} x ${s} strategies x ${sweep.base.replications} replications = ${sweep.jobs.length} jobs${of}\n`);
  process.stderr.write(`wrote ${dir}/\n`);
}
