// `sim run FILE...`: simulate, print the side-by-side table, write the CSVs.
import { join, sep } from "node:path";
import { performance } from "node:perf_hooks";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { UserError } from "../../errors.js";
import { writeFolderAtomic } from "../../output/atomic.js";
import { resultFiles } from "../../output/csv.js";
import { formatMarkdown } from "../../output/markdown.js";
import { formatTable, tableWidth } from "../../output/table.js";
import * as opt from "../options.js";
import { checkWritable } from "../writable.js";
import { version } from "../version.js";
import { CHARTS_DIR, REPORT_FILE } from "../../report/names.js";
import { makeReportFor } from "./report.js";
import { simulate } from "../simulate.js";
import { checkMemory, loadRunnable, selectStrategies, type Loaded, type SimulationArgs } from "../scenarios.js";

interface RunArgs extends SimulationArgs {
  out?: string;
  strategy: string[];
  quiet: boolean;
  force: boolean;
  report: boolean;
  svg: boolean;
  format: (typeof FORMATS)[number];
}

const FORMATS = ["table", "md"] as const;

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run <files..>",
  describe: "run scenarios; write summary.csv, timeseries.csv, detections.csv",
  builder: (y: Argv) =>
    opt
      .simulationOptions(y)
      .option("out", {
        type: "string",
        describe: "output folder (default results/<name>); with several files, DIR/<name>",
      })
      .option("strategy", opt.STRATEGY_OPTION)
      .option("format", {
        type: "string",
        default: "table",
        describe: "what stdout gets: table (for a terminal) or md (a Markdown summary for a pull request)",
      })
      .option("report", opt.REPORT_OPTION)
      .option("svg", opt.SVG_OPTION) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    if (args.svg && !args.report) throw new UserError("--svg draws the report's charts: give --report too");
    if (!FORMATS.includes(args.format)) {
      throw new UserError(`--format ${args.format}: expected one of ${FORMATS.join(", ")}`);
    }
    const { loaded, workers } = loadRunnable(args);
    const dirs = outputDirs(loaded, args.out);
    const selections = loaded.map((l) => selectStrategies(l, args.strategy ?? []));
    loaded.forEach((l, i) => checkMemory(l, selections[i]?.length ?? l.plan.strategies.length, args.force, workers));
    for (let i = 0; i < loaded.length; i++) {
      await runOne(loaded[i], selections[i], dirs[i], args.quiet, workers, args.format);
      if (args.report) await makeReportFor(dirs[i], args.svg, args.quiet);
    }
  },
};

/**
 * results/<name>/ under the working directory; --out DIR with one file is
 * the folder itself, with several files DIR/<name>/. Two scenarios that
 * would share a folder are refused before anything runs.
 */
function outputDirs(loaded: readonly Loaded[], out: string | undefined): string[] {
  const dirs = loaded.map((l) =>
    out !== undefined && loaded.length === 1 ? out : join(out ?? "results", l.plan.name),
  );
  const seen = new Map<string, string>();
  loaded.forEach((l, i) => {
    const other = seen.get(dirs[i]);
    if (other !== undefined) {
      throw new UserError(`${other} and ${l.file} are both named "${l.plan.name}": they would write to the same folder ${dirs[i]}`);
    }
    seen.set(dirs[i], l.file);
    // found now, not after an hour of simulation
    checkWritable(dirs[i]);
  });
  return dirs;
}

async function runOne(
  l: Loaded,
  strategies: readonly string[] | undefined,
  dir: string,
  quiet: boolean,
  workers: number | undefined,
  format: RunArgs["format"],
): Promise<void> {
  const started = performance.now();
  const result = await simulate(l.plan, strategies, workers, quiet);
  const seconds = (performance.now() - started) / 1000;
  // the files' text is produced while they are written, into a folder staged beside dir and swapped in whole
  const files = resultFiles(result.runs, l.plan, version());
  try {
    // a report of the results being replaced would describe results that are gone
    writeFolderAtomic(dir, files, { drop: [REPORT_FILE, CHARTS_DIR] });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new UserError(`cannot write results to ${dir}: ${(err as Error).message}`);
  }
  if (quiet) return;
  const title = `${l.plan.name} (${l.file})`;
  const width = tableWidth(process.stdout.columns, process.stdout.isTTY === true);
  process.stdout.write(format === "md" ? formatMarkdown(result.runs, title) + "\n" : formatTable(result.runs, title, width) + "\n");
  const shown = dir.endsWith(sep) || dir.endsWith("/") ? dir : dir + "/";
  process.stderr.write(`wrote ${shown} (${Object.keys(files).length} files)\n`);
  process.stderr.write(`${eventsLine(result.events, seconds)}\n`);
}

function eventsLine(events: number, seconds: number): string {
  const rate = seconds > 0 ? (events / seconds / 1e6).toFixed(2) : "-";
  return `${events} events in ${seconds.toFixed(2)} s (${rate} M events/s)`;
}
