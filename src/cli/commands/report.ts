// `sim report DIR...`: a results folder of `sim run` or `sim sweep` turned
// into report.html (src/report/). `sim run --report` and `sim sweep --report`
// call makeReportFor after writing their results.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { makeReport } from "../../report/report.js";
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
    for (const dir of args.dirs) await makeReportFor(dir, args.svg, args.quiet);
  },
};

export async function makeReportFor(dir: string, svg: boolean, quiet: boolean): Promise<void> {
  const made = await makeReport(dir, { svg });
  if (quiet) return;
  const size = made.bytes >= 1 << 20 ? `${(made.bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(made.bytes / 1024)} KB`;
  const svgs = made.svgs > 0 ? `, ${made.svgs} SVG files in ${dir.replace(/\/+$/, "")}/charts/` : "";
  process.stderr.write(`wrote ${made.file} (${made.charts} charts, ${size}${svgs})\n`);
}
