// `sim report DIR...`: a results folder of `sim run` or `sim sweep` turned
// into report.html (src/report/). `sim run --report` and `sim sweep --report`
// call makeReportFor after writing their results.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { join } from "node:path";
import { UserError } from "../../errors.js";
import { REPORT_FILE } from "../../report/names.js";
import { prepareReport, type Made, type PreparedReport } from "../../report/report.js";
import { checkWritableFile } from "../writable.js";
import * as opt from "../options.js";

interface ReportArgs {
  dirs: string[];
  svg: boolean;
  quiet: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <dirs..>",
  describe: "write DIR/report.html: the charts and tables of a run or a sweep folder",
  builder: (y: Argv) =>
    y
      .positional("dirs", { type: "string", array: true, describe: "results folders of sim run or sim sweep" })
      .option("svg", { type: "boolean", default: false, describe: "also write each chart as an SVG file into DIR/charts/" })
      .option("quiet", opt.QUIET_OPTION) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    await makeReports(args.dirs, args.svg, args.quiet);
  },
};

/**
 * Every folder read, checked and its report made in memory before any is
 * written: one bad folder among several writes nothing.
 */
export async function makeReports(dirs: readonly string[], svg: boolean, quiet: boolean): Promise<void> {
  const prepared: PreparedReport[] = [];
  for (const dir of dirs) prepared.push(await prepareReport(dir, { svg }));
  dirs.forEach((dir) => checkWritableFile(join(dir, REPORT_FILE), "the report"));
  prepared.forEach((p, k) => {
    let made: Made;
    try {
      made = p.write();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === undefined) throw err;
      throw new UserError(`cannot write the report into ${dirs[k]}: ${(err as Error).message}`);
    }
    if (!quiet) say(dirs[k], made);
  });
}

export async function makeReportFor(dir: string, svg: boolean, quiet: boolean): Promise<void> {
  await makeReports([dir], svg, quiet);
}

function say(dir: string, made: Made): void {
  const size = made.bytes >= 1 << 20 ? `${(made.bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(made.bytes / 1024)} KB`;
  const svgs = made.svgs > 0 ? `, ${made.svgs} SVG files in ${dir.replace(/\/+$/, "")}/charts/` : "";
  process.stderr.write(`wrote ${made.file} (${made.charts} charts, ${size}${svgs})\n`);
}
