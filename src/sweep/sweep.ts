// A sweep, planned: its parameters (the scenario's `sweep` block and --vary),
// its points, each point's scenario loaded and checked like any scenario
// file, and its jobs: every (point, replication, strategy), in output order.
// Everything a user got wrong is found here, before anything runs. No I/O.

import { UserError } from "../errors.js";
import type { Job } from "../run.js";
import { DEFAULT_MAX_JOBS } from "../scenario/schema-sweep.js";
import { parseScenario } from "../scenario/load.js";
import { MAX_PROBLEMS } from "../scenario/messages.js";
import type { Plan, SweepValue } from "../scenario/plan.js";
import type { SetOption } from "../scenario/set.js";
import { describePoint, expandPoints, paramValues, type Param, type Point } from "./points.js";

export interface SweepJob {
  /** index in the sweep's job list (output order) */
  readonly index: number;
  readonly point: number;
  readonly plan: Plan;
  readonly job: Job;
}

export interface Sweep {
  readonly base: Plan;
  readonly params: readonly Param[];
  readonly points: readonly Point[];
  /** points that break a rule, with the first problem (only with `invalid: "skip"`) */
  readonly skipped: readonly { readonly point: Point; readonly reason: string }[];
  readonly jobs: readonly SweepJob[];
}

export interface SweepOptions {
  /** --set edits (and --seed, --replications), applied to every point */
  readonly sets?: readonly SetOption[];
  /** --vary PATH=V1,V2,... (or FROM..TO/STEP, FROM..TO*FACTOR) */
  readonly vary?: readonly string[];
  /** run more jobs than the sweep's maxJobs */
  readonly force?: boolean;
  readonly warn?: (line: string) => void;
}

export function planSweep(text: string, file: string, options: SweepOptions = {}): Sweep {
  const sets = options.sets ?? [];
  const base = parseScenario(text, file, { sets, warn: options.warn });
  const spec = base.sweep;
  const params = new Map<string, Param>();
  for (const [path, axis] of Object.entries(spec?.vary ?? {})) params.set(path, paramValues(path, axis, `${file}: at sweep.vary[${JSON.stringify(path)}]`));
  for (const flag of options.vary ?? []) {
    const p = varyFlag(flag);
    params.set(p.path, p); // --vary replaces the file's values of the same path
  }
  if (params.size === 0) throw new UserError(`${file}: nothing to sweep: give the scenario a "sweep" block, or --vary PATH=V1,V2,...`);
  const list = [...params.values()];
  for (const p of list) checkPath(text, file, sets, p);
  const points = expandPoints(list, spec?.zip ?? [], `${file}: at sweep.zip`);
  const valid: { point: Point; plan: Plan }[] = [];
  const skipped: { point: Point; reason: string }[] = [];
  const refused: string[] = [];
  for (const point of points) {
    const edits: SetOption[] = list.map((p, k) => ({ set: `${p.path}=${point.values[k].set}`, as: `sweep point ${point.index} (${describePoint(list, point)})` }));
    try {
      valid.push({ point, plan: parseScenario(text, file, { sets: [...sets, ...edits] }) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const lines = err.lines.map((line) => inPoint(line, file, list, point));
      if (spec?.invalid === "skip") skipped.push({ point, reason: lines[0].slice(file.length + 2) });
      else refused.push(...lines);
    }
  }
  if (refused.length > 0) {
    const shown = refused.slice(0, MAX_PROBLEMS);
    if (refused.length > MAX_PROBLEMS) shown.push(`${file}: ${refused.length - MAX_PROBLEMS} more problems not listed`);
    shown.push(`${file}: points that break a rule are refused; "invalid": "skip" in the sweep block skips them (and lists them in sweep-skipped.csv)`);
    throw new UserError(shown);
  }
  const jobs: SweepJob[] = [];
  for (const { point, plan } of valid) {
    for (let replication = 0; replication < plan.replications; replication++) {
      plan.strategies.forEach((_, strategy) => jobs.push({ index: jobs.length, point: point.index, plan, job: { strategy, replication } }));
    }
  }
  const limit = spec?.maxJobs ?? DEFAULT_MAX_JOBS;
  if (jobs.length > limit && options.force !== true) {
    throw new UserError(
      `${file}: the sweep has ${jobs.length} jobs (${points.length} points x strategies x replications), more than its limit of ${limit}; ` +
        `raise "maxJobs" in the sweep block or pass --force`,
    );
  }
  return { base, params: list, points, skipped, jobs };
}

/** an error of a point's scenario, named as the point's: which values made it */
function inPoint(line: string, file: string, params: readonly Param[], point: Point): string {
  const prefix = `${file}: `;
  const rest = line.startsWith(prefix) ? line.slice(prefix.length) : line;
  const own = `sweep point ${point.index} (`;
  return rest.startsWith(own) ? line : `${prefix}sweep point ${point.index} (${describePoint(params, point)}): ${rest}`;
}

/** a swept path must name a value the scenario has (or may have): checked once, with its first value */
function checkPath(text: string, file: string, sets: readonly SetOption[], p: Param): void {
  try {
    parseScenario(text, file, { sets: [...sets, { set: `${p.path}=${p.values[0].set}`, as: p.where.replace(`${file}: `, "") }] });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const unknown = err.lines.find((l) => l.includes(p.where.replace(`${file}: `, "")) && /unknown key|does not exist|may not appear/.test(l));
    if (unknown !== undefined) throw new UserError(`${unknown.replace(/^.*?: at /, `${p.where}: unknown path: at `)}`);
  }
}

/** `--vary PATH=V1,V2,...`, `PATH=FROM..TO/STEP` or `PATH=FROM..TO*FACTOR` */
export function varyFlag(flag: string): Param {
  const eq = flag.indexOf("=");
  const where = `--vary ${flag}`;
  if (eq <= 0) throw new UserError(`${where}: expected PATH=V1,V2,... (e.g. strategies.client-30s.interval=15s,30s,60s) or PATH=FROM..TO/STEP`);
  const path = flag.slice(0, eq).trim();
  const text = flag.slice(eq + 1);
  const range = /^([^,]+)\.\.([^,/*]+)([/*])([^,]+)$/.exec(text);
  if (range !== null) {
    const [, from, to, op, by] = range;
    const n = (v: string): number | string => (Number.isFinite(Number(v)) && v.trim() !== "" ? Number(v) : v.trim());
    const axis = op === "/" ? { from: n(from), to: n(to), step: n(by) } : { from: n(from), to: n(to), factor: Number(by) };
    return paramValues(path, axis, where);
  }
  const values = text.split(",").map((v) => v.trim());
  if (values.some((v) => v === "")) throw new UserError(`${where}: expected a value between every two commas`);
  return paramValues(path, values.map(parseValue), where);
}

function parseValue(text: string): SweepValue {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  } catch {
    // not JSON: the text itself ("30s")
  }
  return text;
}
