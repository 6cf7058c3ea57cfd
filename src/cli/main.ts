// The `sim` command line. The only place that knows argv, exit codes, and
// which errors are the user's (message, exit 2) and which are bugs (stack, exit 70).
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { checkCommand } from "./commands/check.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { mergeCommand } from "./commands/merge.js";
import { reportCommand } from "./commands/report.js";
import { sweepCommand } from "./commands/sweep.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT_INTERNAL, EXIT_OK, UsageError, reportError } from "./exit.js";
import { exitOnInterrupt } from "./interrupt.js";
import { version } from "./version.js";
import { closest } from "../scenario/did-you-mean.js";

const ABOUT = `Which heartbeat strategy, interval and timeout should a service use for its
clients, and what does it cost? sim drives simulated clients over lossy,
delayed links in virtual time and reports, per strategy: the load heartbeats
put on the server, how fast crashed clients are detected, how often live
clients are wrongly declared dead, and what each client pays in messages and
radio energy. Runs are deterministic: same file and seed, same bytes.`;

const EXIT_CODES = `Exit codes:
  0  success
  1  sim check: at least one expectation failed
  2  bad usage or bad scenario (the message names the file and the problem)
  70 internal error (a bug: the message carries a stack trace)`;

function parser(argv: string[]) {
  const y = yargs(argv);
  return y
    .scriptName("sim")
    .locale("en") // messages do not change with the user's LANG
    .usage(`$0 <command> [options]\n\n${ABOUT}`)
    .command(runCommand)
    .command(checkCommand)
    .command(validateCommand)
    .command(sweepCommand)
    .command(mergeCommand)
    .command(reportCommand)
    .command(schemaCommand)
    .demandCommand(1, "give a command: run, check, validate, sweep, merge, report or schema")
    .strict()
    .recommendCommands()
    .example("$0 run scenarios/10k-mobile.json", "run every strategy, write results/10k-mobile/")
    .example(
      "$0 run x.json --set clients.count=1000 --set strategies.client-30s.interval=10s",
      "run with values changed",
    )
    .example("$0 check scenarios/*.json", "judge the expect blocks (exit 1 on a failure)")
    .example("$0 report results/10k-mobile", "write results/10k-mobile/report.html")
    .epilogue(EXIT_CODES)
    .version(version())
    .help()
    .alias("h", "help")
    // yargs lays the help text out before every command runs, in case it is
    // needed; fitting it to the terminal measures every string (half of that
    // work, 14 ms of each run), so it is fitted only when help was asked for
    .wrap(argv.some((a) => a === "--help" || a === "-h") ? Math.min(120, process.stdout.columns ?? 120) : null)
    .showHelpOnFail(false)
    .fail((msg, err) => {
      // errors thrown by a handler go to the caller untouched; only yargs'
      // own complaints (unknown flag, missing argument) are usage errors
      if (err) throw err;
      // yargs' suggestion alone ("Did you mean run?") does not say what was wrong
      const unknown = msg.startsWith("Did you mean") ? `unknown command "${argv[0]}". ` : "";
      throw new UsageError(unknown + msg + flagHint(msg, knownFlags(y)));
    });
}

/** the flags the command being parsed takes (getOptions is yargs API its types leave out) */
function knownFlags(y: unknown): string[] {
  return Object.keys((y as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
}

/** " (did you mean --seed?)" for yargs' "Unknown argument(s): seeed, ..." */
function flagHint(msg: string, known: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(msg);
  if (match === null) return "";
  const flags = known.filter((k) => k.length > 1 && !k.includes("-")); // the camelCase and kebab forms are one flag
  const hints = match[1].split(", ").flatMap((word) => {
    const guess = closest(word, flags);
    return guess === undefined ? [] : [`--${word}: did you mean --${guess}?`];
  });
  return hints.length === 0 ? "" : ` (${hints.join("; ")})`;
}

async function main(): Promise<number> {
  exitOnInterrupt();
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    // `sim schema | head`: the reader left, which is not our failure
    if (err.code === "EPIPE") process.exit(EXIT_OK);
    throw err;
  });
  try {
    await parser(hideBin(process.argv)).parseAsync();
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (err) {
    return reportError(err);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sim: internal error: ${String(err)}\n`);
    process.exitCode = EXIT_INTERNAL;
  },
);
