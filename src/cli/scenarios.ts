// Loading the FILE arguments: every file is read and validated before any
// simulation starts, so a typo in the third file costs seconds, not the
// hours spent running the first two, and nothing is written.
import { totalmem } from "node:os";
import { UserError } from "../errors.js";
import { unsupportedFeature } from "../model/supported.js";
import { estimateMemoryBytes } from "../model/footprint.js";
import { defaultWorkers } from "../parallel/pool.js";
import type { Plan } from "../scenario/plan.js";
import { checkReplications, checkSeed, checkWorkers } from "./options.js";
import { loadScenario } from "./scenario-file.js";

export interface Loaded {
  readonly file: string;
  readonly plan: Plan;
}

export interface Overrides {
  readonly sets: readonly string[];
  readonly seed?: number;
  readonly replications?: number;
}

/** Loads every file; reports every bad one at once (one UserError). */
export function loadAll(files: readonly string[], o: Overrides): Loaded[] {
  const loaded: Loaded[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      loaded.push({ file, plan: withOverrides(loadOne(file, o.sets), o) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      errors.push(err.message);
    }
  }
  if (errors.length > 0) throw new UserError(errors.join("\nsim: error: "));
  return loaded;
}

/** What run and check share: the files, their overrides and the thread count. */
export interface SimulationArgs {
  readonly files: readonly string[];
  readonly seed?: number;
  readonly replications?: number;
  readonly set?: readonly string[];
  readonly workers?: number;
}

/**
 * Loads every file for a simulating command: validated, overridden, refused
 * if it asks for what cannot be simulated yet; and the checked thread count.
 */
export function loadRunnable(args: SimulationArgs): { loaded: Loaded[]; workers: number | undefined } {
  const loaded = loadAll(args.files, {
    sets: args.set ?? [],
    seed: checkSeed(args.seed),
    replications: checkReplications(args.replications),
  });
  refuseUnsupported(loaded);
  return { loaded, workers: checkWorkers(args.workers) };
}

/** run and check refuse what the simulator cannot simulate yet (validate accepts it: the file is valid) */
export function refuseUnsupported(loaded: readonly Loaded[]): void {
  const errors = loaded.flatMap((l) => {
    const u = unsupportedFeature(l.plan);
    return u ? [`${l.file}: at ${u.path}: ${u.what}: part of the scenario format, not simulated yet in this version`] : [];
  });
  if (errors.length > 0) throw new UserError(errors.join("\nsim: error: "));
}

function loadOne(file: string, sets: readonly string[]): Plan {
  try {
    return loadScenario(file, { sets });
  } catch (err) {
    // a safety net: file-system errors are the user's (missing file, a
    // directory, no permission) even if the loader let one through raw
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES" || code === "ENOTDIR") {
      throw new UserError(`${file}: cannot read (${code})`);
    }
    throw err;
  }
}

/** The Plan is frozen: an override builds a new one. */
function withOverrides(plan: Plan, o: Overrides): Plan {
  if (o.seed === undefined && o.replications === undefined) return plan;
  return Object.freeze({
    ...plan,
    seed: o.seed ?? plan.seed,
    replications: o.replications ?? plan.replications,
  });
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
