// `sim check FILE...`: run each scenario and judge its `expect` block. Writes
// no files. Exit 1 when any expectation failed, so CI can use it directly.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { judge } from "../../metrics/expect.js";
import { formatJudgement } from "../../output/judgement.js";
import { EXIT_FAILED } from "../exit.js";
import * as opt from "../options.js";
import { simulate } from "../simulate.js";
import { checkMemory, loadRunnable, type Loaded, type SimulationArgs } from "../scenarios.js";

interface CheckArgs extends SimulationArgs {
  quiet: boolean;
  force: boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: "check <files..>",
  describe: "run scenarios and judge their expect blocks (exit 1 on any failure)",
  builder: (y: Argv) => opt.simulationOptions(y) as unknown as Argv<CheckArgs>,
  handler: async (args: ArgumentsCamelCase<CheckArgs>) => {
    const { loaded, workers } = loadRunnable(args);
    for (const l of loaded) checkMemory(l, l.plan.strategies.length, args.force, workers);
    let failed = 0;
    let total = 0;
    for (const l of loaded) {
      const j = await checkOne(l, args.quiet, workers);
      failed += j.failed;
      total += j.total;
    }
    if (loaded.length > 1) {
      process.stdout.write(`all ${loaded.length} scenarios: ${total} expectations, ${failed} failed\n`);
    }
    if (failed > 0) process.exitCode = EXIT_FAILED;
  },
};

/** Prints one scenario's report; returns its counts of checks. */
async function checkOne(l: Loaded, quiet: boolean, workers: number | undefined): Promise<{ total: number; failed: number }> {
  const head = `${l.file} (${l.plan.name})`;
  // nothing to judge, so nothing to run: a pass, said out loud
  if (l.plan.expect.length === 0) {
    process.stdout.write(`${head}: no expectations\n`);
    return { total: 0, failed: 0 };
  }
  const result = await simulate(l.plan, undefined, workers, quiet);
  const judgement = judge(l.plan.expect, result.runs);
  process.stdout.write(`${head}:\n${formatJudgement(judgement)}`);
  return { total: judgement.passed + judgement.failures.length, failed: judgement.failures.length };
}
