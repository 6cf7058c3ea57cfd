// Options shared by several commands, and their checks. yargs parses; the
// rules a value must follow live here so every command applies the same ones.
import type { Argv, Options } from "yargs";
import { UserError } from "../errors.js";

/** A repeated string flag (`--set a=1 --set b=2`) as a list. Not `array: true`:
 * that would swallow the FILE arguments that follow the flag. */
function list(describe: string): Options {
  return {
    type: "string",
    describe,
    coerce: (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String)),
  };
}

export const SET_OPTION = list(
  "override a scenario value by dotted path (repeatable), e.g. clients.count=1000 or strategies.client-30s.interval=10s",
);
export const STRATEGY_OPTION = list("run only this strategy, by name (repeatable)");
export const VARY_OPTION = list(
  "sweep a value by dotted path (repeatable): PATH=V1,V2,..., PATH=FROM..TO/STEP or PATH=FROM..TO*FACTOR, e.g. strategies.client-30s.interval=15s,30s,60s",
);
// Numbers are taken as typed (strings) and judged later, so that a message
// can quote what was typed ("abc"), not what yargs made of it (NaN).
export const SEED_OPTION: Options = { type: "string", describe: "base seed (overrides the file's)" };
export const REPLICATIONS_OPTION: Options = {
  type: "string",
  describe: "replications with independent seeds (overrides the file's)",
};
export const REPORT_OPTION: Options = {
  type: "boolean",
  default: false,
  describe: "also write report.html into the results folder (as sim report does)",
};

export const SVG_OPTION: Options = {
  type: "boolean",
  default: false,
  describe: "with a report, also write each chart as an SVG file into charts/",
};

export const QUIET_OPTION: Options = {
  type: "boolean",
  default: false,
  describe: "print nothing but errors (and, for check, the report)",
};
const FORCE_OPTION: Options = {
  type: "boolean",
  default: false,
  describe: "run even when the memory estimate exceeds 80% of this machine's memory",
};

export const WORKERS_OPTION: Options = {
  type: "string",
  describe: "threads running strategies and replications in parallel, this one included (default: one per core, one for a small run); results do not depend on it",
};

/** `--workers`: an integer >= 1, as typed. */
export function checkWorkers(workers: string | undefined): number | undefined {
  if (workers === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(workers) ? Number(workers) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UserError(`--workers: expected an integer >= 1, found ${JSON.stringify(workers)}`);
  }
  return n;
}

/** The FILE arguments and options every simulating command (run, check) takes. */
export function simulationOptions(y: Argv): Argv {
  return y
    .positional("files", { type: "string", array: true, demandOption: true, describe: "scenario JSON files" })
    .option("seed", SEED_OPTION)
    .option("replications", REPLICATIONS_OPTION)
    .option("set", SET_OPTION)
    .option("quiet", QUIET_OPTION)
    .option("force", FORCE_OPTION)
    .option("workers", WORKERS_OPTION);
}
