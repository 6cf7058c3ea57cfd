// Loading the FILE arguments: every file is read and validated before any
// simulation starts, so a typo in the third file costs seconds, not the
// hours spent running the first two, and nothing is written.
import { totalmem } from "node:os";
import { UserError } from "../errors.js";
import { estimateMemoryBytes } from "../model/footprint.js";
import { defaultWorkers } from "../parallel/pool.js";
import type { Plan } from "../scenario/plan.js";
import type { SetOption } from "../scenario/set.js";
import { checkWorkers } from "./options.js";
import { loadScenario } from "./scenario-file.js";

export interface Loaded {
  readonly file: string;
  readonly plan: Plan;
}

/** warnings go to stderr, worded as errors are, unless the command is to print nothing but errors */
function warner(quiet: boolean): ((line: string) => void) | undefined {
  return quiet ? undefined : (line) => process.stderr.write(`sim: warning: ${line}\n`);
}

/**
 * Loads every file with the --set edits; reports every bad one at once (one
 * UserError), and warns of likely mistakes (a bare 30000 meant as ms).
 */
export function loadAll(files: readonly string[], sets: readonly SetOption[], quiet = false): Loaded[] {
  const loaded: Loaded[] = [];
  const errors: string[] = [];
  const warn = warner(quiet);
  for (const file of files) {
    try {
      loaded.push({ file, plan: loadScenario(file, { sets, warn }) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      errors.push(...err.lines);
    }
  }
  if (errors.length > 0) throw new UserError(errors);
  return loaded;
}

/** What run and check share: the files, their overrides and the thread count. */
export interface SimulationArgs {
  readonly files: readonly string[];
  /** as typed: the schema judges them, and a message quotes them */
  readonly seed?: string;
  readonly replications?: string;
  readonly set?: readonly string[];
  readonly workers?: string;
  readonly quiet?: boolean;
}

/**
 * --seed and --replications as edits applied after the user's --set ones,
 * so they win and the schema judges them as it judges the file.
 */
export function flagEdits(args: { readonly seed?: string; readonly replications?: string }): SetOption[] {
  return [
    ...(args.seed === undefined ? [] : [{ set: `seed=${args.seed}`, as: `--seed ${args.seed}` }]),
    ...(args.replications === undefined ? [] : [{ set: `replications=${args.replications}`, as: `--replications ${args.replications}` }]),
  ];
}

/**
 * Loads every file for a simulating command: validated, with --set, --seed
 * and --replications applied; and the checked thread count.
 */
export function loadRunnable(args: SimulationArgs): { loaded: Loaded[]; workers: number | undefined } {
  const loaded = loadAll(args.files, [...(args.set ?? []), ...flagEdits(args)], args.quiet ?? false);
  return { loaded, workers: checkWorkers(args.workers) };
}

/** `--strategy` names, checked against each file; undefined = all strategies. */
export function selectStrategies(loaded: Loaded, names: readonly string[]): readonly string[] | undefined {
  if (names.length === 0) return undefined;
  const known = loaded.plan.strategies.map((s) => s.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new UserError(`${loaded.file}: --strategy ${name}: no such strategy (it has: ${known.join(", ")})`);
    }
  }
  // scenario order, whatever order the flags came in
  return known.filter((k) => names.includes(k));
}

const GIB = 1024 ** 3;
const MEMORY_SHARE = 0.8;

/** Refuses, before anything runs, a scenario that would not fit in memory. */
export function checkMemory(loaded: Loaded, strategies: number, force: boolean, workers?: number): void {
  const need = estimateMemoryBytes(loaded.plan, strategies, workers ?? defaultWorkers());
  const have = totalmem();
  if (force || need <= MEMORY_SHARE * have) return;
  throw new UserError(
    `${loaded.file}: this run needs about ${(need / GIB).toFixed(1)} GiB of memory, ` +
      `more than 80% of this machine's ${(have / GIB).toFixed(1)} GiB; ` +
      `lower clients.count, the strategies or --workers, or pass --force to run anyway`,
  );
}
