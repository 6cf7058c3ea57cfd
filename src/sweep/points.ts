// A sweep's points: each parameter's values (a list, or a linear or
// geometric range), combined. Parameters combine as a cartesian product, the
// first declared varying slowest; a zip group is one axis whose k-th point
// takes the k-th value of each of its paths (OMNeT++'s parallel iteration).
// Pure: the values become `--set` edits the loader applies to the scenario.

import { UserError } from "../errors.js";
import { DURATION_PATTERN, formatDurationUs, parseDurationUs } from "../scenario/duration.js";
import type { SweepAxis, SweepValue } from "../scenario/plan.js";

/** a range may make at most this many values: a typo in a step should not become a million jobs */
const MAX_RANGE_VALUES = 100_000;

export interface ParamValue {
  /** the value as a --set takes it */
  readonly set: string;
  /** the value in sweep.csv: seconds for a duration, the value itself otherwise */
  readonly cell: number | string | boolean;
  /** as a person reads it: "30s", 1000 */
  readonly shown: string;
}

export interface Param {
  /** dotted path, as --set takes it */
  readonly path: string;
  /** where it was declared, for messages: `sweep.vary["..."]` or `--vary ...` */
  readonly where: string;
  /** its values are durations: its column is in seconds */
  readonly duration: boolean;
  readonly values: readonly ParamValue[];
}

export interface Point {
  /** 0-based, in expansion order */
  readonly index: number;
  /** one value per parameter, in parameter order */
  readonly values: readonly ParamValue[];
}

/** A parameter's values from its list or range. Throws a UserError naming `where`. */
export function paramValues(path: string, axis: SweepAxis, where: string): Param {
  if (Array.isArray(axis)) {
    const list = axis as readonly SweepValue[];
    const duration = list.some((v) => typeof v === "string" && DURATION_PATTERN.test(v)) && list.every((v) => typeof v === "number" || (typeof v === "string" && DURATION_PATTERN.test(v)));
    return { path, where, duration, values: list.map((v) => (duration ? durationValue(toUs(v, where)) : plainValue(v))) };
  }
  return rangeValues(path, axis as Exclude<SweepAxis, readonly SweepValue[]>, where);
}

function rangeValues(path: string, r: { from: number | string; to: number | string; step?: number | string; factor?: number }, where: string): Param {
  const duration = [r.from, r.to, r.step].some((v) => typeof v === "string");
  const fail = (what: string): never => {
    throw new UserError(`${where}: ${what}`);
  };
  if ((r.step === undefined) === (r.factor === undefined)) fail('expected a range with either "step" (linear) or "factor" (geometric), not both, not neither');
  const num = (v: number | string) => (duration ? toUs(v, where) : typeof v === "number" ? v : fail(`expected numbers in a range of numbers, found ${JSON.stringify(v)}`));
  const from = num(r.from);
  const to = num(r.to);
  if (to < from) fail(`the range points the wrong way: "to" (${show(to, duration)}) is before "from" (${show(from, duration)})`);
  const values: number[] = [];
  if (r.step !== undefined) {
    const step = num(r.step);
    if (!(step > 0)) fail(`expected a step > 0, found ${show(step, duration)}`);
    for (let k = 0; ; k++) {
      const v = duration ? from + k * step : Number((from + k * step).toPrecision(12));
      if (v > to * (1 + 1e-12) + (to === 0 ? 1e-12 : 0)) break;
      values.push(v);
      if (values.length > MAX_RANGE_VALUES) fail(`the range makes more than ${MAX_RANGE_VALUES} values`);
    }
  } else {
    const factor = r.factor!;
    if (!(factor > 1)) fail(`expected a factor > 1, found ${factor}`);
    if (!(from > 0)) fail(`expected a geometric range to start above 0, found ${show(from, duration)}`);
    for (let k = 0; ; k++) {
      const exact = from * factor ** k;
      if (exact > to * (1 + 1e-9)) break;
      values.push(duration ? Math.round(exact) : Number(exact.toPrecision(12)));
      if (values.length > MAX_RANGE_VALUES) fail(`the range makes more than ${MAX_RANGE_VALUES} values`);
    }
  }
  return { path, where, duration, values: values.map((v) => (duration ? durationValue(v) : plainValue(v))) };
}

function show(v: number, duration: boolean): string {
  return duration ? formatDurationUs(v) : String(v);
}

function toUs(v: SweepValue, where: string): number {
  const us = typeof v === "boolean" ? undefined : parseDurationUs(v);
  if (us === undefined) throw new UserError(`${where}: expected a duration such as "30s" or a number of seconds, found ${JSON.stringify(v)}`);
  return us;
}

function durationValue(us: number): ParamValue {
  const shown = formatDurationUs(us);
  return { set: `${us}us`, cell: us / 1e6, shown };
}

function plainValue(v: SweepValue): ParamValue {
  return { set: typeof v === "string" ? v : JSON.stringify(v), cell: v, shown: String(v) };
}

/**
 * The points of these parameters: zip groups (by path) move together, every
 * other parameter is an axis of its own; axes combine as a cartesian
 * product, the first declared varying slowest.
 */
export function expandPoints(params: readonly Param[], zip: readonly (readonly string[])[], zipWhere: string): Point[] {
  const byPath = new Map(params.map((p, k) => [p.path, k]));
  const grouped = new Map<number, number>(); // param -> its group
  zip.forEach((group, g) => {
    for (const path of group) {
      const k = byPath.get(path);
      if (k === undefined) throw new UserError(`${zipWhere}[${g}]: "${path}" is not a swept path (sweep.vary has: ${[...byPath.keys()].join(", ") || "nothing"})`);
      if (grouped.has(k)) throw new UserError(`${zipWhere}[${g}]: "${path}" is already in another zip group`);
      grouped.set(k, g);
    }
    const lengths = group.map((path) => params[byPath.get(path)!].values.length);
    if (lengths.some((n) => n !== lengths[0])) {
      throw new UserError(`${zipWhere}[${g}]: paths that move together need as many values each, found ${group.map((p, i) => `${p}: ${lengths[i]}`).join(", ")}`);
    }
  });
  // axes in declaration order of their first parameter
  const axes: number[][] = [];
  const axisOfGroup = new Map<number, number[]>();
  params.forEach((_, k) => {
    const g = grouped.get(k);
    if (g === undefined) axes.push([k]);
    else if (!axisOfGroup.has(g)) {
      const axis = zip[g].map((path) => byPath.get(path)!);
      axisOfGroup.set(g, axis);
      axes.push(axis);
    }
  });
  const points: Point[] = [];
  const pick = new Array<number>(axes.length).fill(0);
  const sizes = axes.map((axis) => params[axis[0]].values.length);
  for (let index = 0; ; index++) {
    const values: ParamValue[] = new Array(params.length);
    axes.forEach((axis, a) => axis.forEach((k) => (values[k] = params[k].values[pick[a]])));
    points.push({ index, values });
    let a = axes.length - 1;
    while (a >= 0 && ++pick[a] === sizes[a]) pick[a--] = 0;
    if (a < 0) return points;
  }
}

/** `path=value, ...` for messages */
export function describePoint(params: readonly Param[], point: Point): string {
  return params.map((p, k) => `${p.path}=${point.values[k].shown}`).join(", ");
}
