// `sim validate FILE...`: load and check only; run nothing, write nothing.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { formatDurationUs } from "../../scenario/duration.js";
import * as opt from "../options.js";
import { loadAll } from "../scenarios.js";

interface ValidateArgs {
  files: string[];
  set: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate <files..>",
  describe: "check scenario files against the schema and the semantic rules; run nothing",
  builder: (y: Argv) =>
    y
      .positional("files", { type: "string", array: true, demandOption: true, describe: "scenario JSON files" })
      .option("set", opt.SET_OPTION) as unknown as Argv<ValidateArgs>,
  handler: (args: ArgumentsCamelCase<ValidateArgs>) => {
    for (const { file, plan } of loadAll(args.files, args.set ?? [])) {
      const n = plan.strategies.length;
      process.stdout.write(
        `ok ${file}: ${plan.name}, ${n} ${n === 1 ? "strategy" : "strategies"}, ` +
          `${plan.clients.count} clients, ${formatDurationUs(plan.durationUs)}\n`,
      );
    }
  },
};
