// `--set PATH=VALUE` overrides, applied to the raw JSON before validation so
// an override is judged exactly like the file's own text. Paths are dotted;
// array elements go by index or, for elements with a "name" (strategies), by
// name. Names and keys may themselves contain dots ("client-1.5s"), so a
// step that matches no single segment tries the longest run of segments.
// A missing object on the way is created (the file relied on its defaults);
// a misspelt key is then caught by validation, with its did-you-mean hint.

import { UserError } from "../errors.js";
import { closest } from "./did-you-mean.js";
import { renderFound, type Blame, type Path } from "./messages.js";

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/**
 * A `PATH=VALUE` edit; a flag that edits the scenario (`--seed 7` is
 * `seed=7`) gives the edit and how to name it in messages.
 */
export type SetOption = string | { readonly set: string; readonly as: string };

/** Applies each edit in order to `root` (mutated in place); returns where each landed, to blame it for a bad value there. */
export function applySets(root: Container, sets: readonly SetOption[], file: string): Blame[] {
  return sets.map((option) => {
    const set = typeof option === "string" ? option : option.set;
    const as = typeof option === "string" ? `--set ${option}` : option.as;
    // a flag's own mistakes (a path that does not exist) are named as it was typed
    const label = typeof option === "string" ? undefined : option.as;
    return { as, path: applySet(root, set, file, label) };
  });
}

function applySet(root: Container, set: string, file: string, label?: string): Path {
  const eq = set.indexOf("=");
  if (eq < 0) throw new UserError(`${label ?? `--set ${set}`}: expected PATH=VALUE, e.g. clients.count=1000`);
  const path = set.slice(0, eq).trim();
  const name = label ?? `--set ${path}`;
  const segments = path.split(".");
  if (segments.some((s) => s === "")) {
    throw new UserError(`${name}: expected a dotted path such as clients.count, with no empty part`);
  }
  const bad = segments.find((s) => FORBIDDEN.has(s));
  if (bad !== undefined) throw new UserError(`${name}: "${bad}" may not appear in a path`);
  return assign(root, segments, parseValue(set.slice(eq + 1)), { name, file });
}

/** JSON when it parses (numbers, true, objects...), else the text itself ("10s"). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Where {
  /** the edit as messages name it: `--set clients.count` */
  readonly name: string;
  readonly file: string;
}

/** sets the value; returns the path it was set at, array elements by index */
function assign(root: Container, segments: readonly string[], value: unknown, where: Where): Path {
  let node = root;
  let i = 0;
  const path: PropertyKey[] = [];
  for (;;) {
    const step = findChild(node, segments, i);
    if (step === undefined) {
      if (i === segments.length - 1) return [...path, setNew(node, segments, value, where)];
      if (Array.isArray(node)) throw missing(node, segments, i, where);
      // An object the file leaves to its defaults (clients.reconnect,
      // metrics): create it, and let validation judge the key like any other.
      const created: Record<string, unknown> = {};
      node[segments[i]] = created;
      path.push(segments[i]);
      node = created;
      i++;
      continue;
    }
    path.push(step.key);
    if (step.next === segments.length) {
      (node as Record<string | number, unknown>)[step.key] = value;
      return path;
    }
    const child = (node as Record<string | number, unknown>)[step.key];
    if (!isContainer(child)) {
      const prefix = segments.slice(0, step.next).join(".");
      const found = renderFound(child);
      throw new UserError(`${where.name}: ${prefix} is ${found} in ${where.file}, not an object or array`);
    }
    node = child;
    i = step.next;
  }
}

interface Step {
  readonly key: string | number;
  /** index of the first segment after this step */
  readonly next: number;
}

function findChild(node: Container, segments: readonly string[], i: number): Step | undefined {
  if (Array.isArray(node) && /^\d+$/.test(segments[i])) {
    const index = Number(segments[i]);
    return index < node.length ? { key: index, next: i + 1 } : undefined;
  }
  for (let end = segments.length; end > i; end--) {
    const name = segments.slice(i, end).join(".");
    const key = Array.isArray(node) ? node.findIndex((e) => nameOf(e) === name) : name;
    if (Array.isArray(node) ? key !== -1 : Object.hasOwn(node, name)) return { key, next: end };
  }
  return undefined;
}

function nameOf(element: unknown): unknown {
  return isContainer(element) && !Array.isArray(element) && Object.hasOwn(element, "name") ? element.name : undefined;
}

/** The last segment may name a new key (validation then judges it) or append to an array; returns the key. */
function setNew(node: Container, segments: readonly string[], value: unknown, where: Where): string | number {
  const segment = segments[segments.length - 1];
  if (!Array.isArray(node)) {
    node[segment] = value;
    return segment;
  }
  if (segment === String(node.length)) {
    node.push(value);
    return node.length - 1;
  }
  throw missing(node, segments, segments.length - 1, where);
}

function missing(node: Container, segments: readonly string[], i: number, where: Where): UserError {
  const prefix = segments.slice(0, i + 1).join(".");
  const parent = i === 0 ? "the top level" : segments.slice(0, i).join(".");
  const names = Array.isArray(node) ? elementNames(node) : Object.keys(node);
  const choices = Array.isArray(node) ? [...node.keys()].map(String).concat(names) : names;
  // suggest names only: an index that is out of range has no "closest" index
  const guess = closest(segments[i], names);
  const hint = guess === undefined ? "" : `did you mean "${guess}"? `;
  const listed = choices.length === 0 ? "nothing" : choices.join(", ");
  return new UserError(`${where.name}: ${prefix} does not exist in ${where.file} (${hint}${parent} has: ${listed})`);
}

function elementNames(array: readonly unknown[]): string[] {
  return array.map(nameOf).filter((n): n is string => typeof n === "string");
}
