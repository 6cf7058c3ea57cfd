// `sim check FILE...`: run each scenario and judge its `expect` block. Writes
// no files. Exit 1 when any expectation failed, so CI can use it directly.
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { judge, type Judgement } from "../../metrics/expect.js";
import { writeFileAtomic } from "../../output/atomic.js";
import { formatJudgement, junitXml } from "../../output/judgement.js";
import { EXIT_FAILED } from "../exit.js";
import * as opt from "../options.js";
import { checkWritableFile } from "../writable.js";
import { simulate } from "../simulate.js";
import { checkMemory, loadRunnable, type Loaded, type SimulationArgs } from "../scenarios.js";

interface CheckArgs extends SimulationArgs {
  quiet: boolean;
  force: boolean;
  junit?: string;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: "check <files..>",
  describe: "run scenarios and judge their expect blocks (exit 1 on any failure)",
  builder: (y: Argv) =>
    opt
      .simulationOptions(y)
      .option("junit", { type: "string", describe: "also write the judgement as JUnit XML to this file, for CI systems" }) as unknown as Argv<CheckArgs>,
  handler: async (args: ArgumentsCamelCase<CheckArgs>) => {
    const { loaded, workers } = loadRunnable(args);
    for (const l of loaded) checkMemory(l, l.plan.strategies.length, args.force, workers);
    if (args.junit !== undefined) checkWritableFile(args.junit, "--junit");
    let failed = 0;
    let total = 0;
    const suites: { name: string; file: string; judgement: Judgement }[] = [];
    for (const l of loaded) {
      const judgement = await checkOne(l, args.quiet, workers);
      suites.push({ name: l.plan.name, file: l.file, judgement });
      failed += judgement.failures.length;
      total += judgement.checks.length;
    }
    if (args.junit !== undefined) writeFileAtomic(args.junit, junitXml(suites));
    if (loaded.length > 1) {
      process.stdout.write(`all ${loaded.length} scenarios: ${total} expectations, ${failed} failed\n`);
    }
    if (failed > 0) process.exitCode = EXIT_FAILED;
  },
};

/** Prints one scenario's report; returns its judgement. */
async function checkOne(l: Loaded, quiet: boolean, workers: number | undefined): Promise<Judgement> {
  const head = `${l.file} (${l.plan.name})`;
  // nothing to judge, so nothing to run: a pass, said out loud
  if (l.plan.expect.length === 0) {
    process.stdout.write(`${head}: no expectations\n`);
    return { checks: [], passed: 0, failures: [] };
  }
  const result = await simulate(l.plan, undefined, workers, quiet);
  const judgement = judge(l.plan.expect, result.runs);
  process.stdout.write(`${head}:\n${formatJudgement(judgement)}`);
  return judgement;
}
