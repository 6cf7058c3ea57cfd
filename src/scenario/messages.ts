// One problem -> one line: "<file>: at <path>: expected <what>, found <what
// was there>". Zod issues and the semantic checks both become a Problem;
// "found" is read from the raw JSON (after --set) rather than from the issue,
// so a duration shows as the user wrote it, not as converted microseconds.

import type * as z from "zod";
import { didYouMean } from "./did-you-mean.js";

export type Path = readonly PropertyKey[];

export type Problem =
  | {
      readonly kind: "expected";
      readonly path: Path;
      readonly expected: string;
      /** overrides the raw value (e.g. a duration normalised to "30s") */
      readonly found?: string;
      /** why it matters, appended after "found" */
      readonly why?: string;
      /** the allowed values, when there are few: the one closest to what was found is suggested */
      readonly choices?: readonly string[];
    }
  | {
      readonly kind: "text";
      readonly path: Path;
      readonly text: string;
      /** an unknown key's name, so that a --set that added it is blamed */
      readonly key?: string;
    };

/** A value the user gave outside the file (`--set PATH=VALUE`, `--seed N`), and where it landed. */
export interface Blame {
  /** as the user typed it: `--set clients.count=1e9`, `--seed abc` */
  readonly as: string;
  readonly path: Path;
}

/** At most this many problems of one file are listed; the rest are counted. */
export const MAX_PROBLEMS = 20;

const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** `clients.count`, `strategies[1].timeout`, `expect["*"]`; the root is `(root)`. */
function formatPath(path: Path): string {
  if (path.length === 0) return "(root)";
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (PLAIN_KEY.test(String(key))) text += text === "" ? String(key) : `.${String(key)}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

const MAX_FOUND_CHARS = 40;

/** The value as JSON, cut to about 40 characters; "nothing" when absent. */
export function renderFound(value: unknown): string {
  if (value === undefined) return "nothing";
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= MAX_FOUND_CHARS ? json : `${json.slice(0, MAX_FOUND_CHARS - 3)}...`;
}

/** The raw value at `path`, reading own properties only. */
export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    const k = typeof key === "number" ? key : String(key);
    if (!Object.hasOwn(node, k)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[k];
  }
  return node;
}

export function unknownKeyText(key: string, allowed: readonly string[]): string {
  return `unknown key ${JSON.stringify(key)}${didYouMean(key, allowed)}`;
}

/**
 * One line per problem: "<file>: at <path>: ...", or, for a value that came
 * from a flag, "<file>: <flag as typed>: at <path>: ..." (the file is fine;
 * the flag is not).
 */
export function problemMessage(file: string, problem: Problem, raw: unknown, blames: readonly Blame[] = []): string {
  const blame = blamed(problem, blames);
  const where = `${file}: ${blame === undefined ? "" : `${blame.as}: `}at ${formatPath(problem.path)}: `;
  if (problem.kind === "text") return where + problem.text;
  const value = valueAt(raw, problem.path);
  const found = problem.found ?? renderFound(value);
  const hint = problem.choices !== undefined && typeof value === "string" ? didYouMean(value, problem.choices) : "";
  const why = problem.why === undefined ? "" : `: ${problem.why}`;
  return `${where}expected ${problem.expected}, found ${found}${hint}${why}`;
}

/** The last flag whose value the problem lies in (a later edit of the same place wins, as it did when applied). */
function blamed(problem: Problem, blames: readonly Blame[]): Blame | undefined {
  const at = problem.kind === "text" && problem.key !== undefined ? [...problem.path, problem.key] : problem.path;
  let found: Blame | undefined;
  for (const b of blames) {
    if (b.path.length <= at.length && b.path.every((key, k) => String(key) === String(at[k]))) found = b;
  }
  return found;
}

/** Every problem of one file, at most MAX_PROBLEMS of them and a count of the rest. */
export function problemLines(file: string, problems: readonly Problem[], raw: unknown, blames: readonly Blame[]): string[] {
  const lines = problems.slice(0, MAX_PROBLEMS).map((p) => problemMessage(file, p, raw, blames));
  const more = problems.length - MAX_PROBLEMS;
  if (more > 0) lines.push(`${file}: ${more} more problem${more === 1 ? "" : "s"} not listed; mend these first`);
  return lines;
}

/** Our own error texts start with "expected "; zod's defaults never do. */
const OWN_MESSAGE = /^expected (.*)$/s;

/**
 * Every issue zod found, as problems. A misspelt key also makes the real key
 * look missing; the unknown-key message (with its "did you mean") names the
 * actual mistake, so the missing key it suggests is not listed again.
 */
export function issueProblems(issues: readonly z.core.$ZodIssue[], raw: unknown): Problem[] {
  const problems = issues.flatMap(issueProblem);
  const suggested = new Set<string>();
  for (const p of problems) {
    const hint = p.kind === "text" && p.key !== undefined ? /did you mean "([^"]*)"\?/.exec(p.text) : null;
    if (hint !== null) suggested.add(pathKey([...p.path, hint[1]]));
  }
  return problems.filter((p) => !(suggested.has(pathKey(p.path)) && valueAt(raw, p.path) === undefined));
}

function pathKey(path: Path): string {
  return path.map(String).join("\u0000");
}

function issueProblem(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    // strict() put one line per key in the message, each with its hint
    const texts = issue.message.startsWith("unknown key") ? issue.message.split("\n") : issue.keys.map((k) => `unknown key ${JSON.stringify(k)}`);
    return texts.map((text, k) => ({ kind: "text", path, text, key: String(issue.keys[k]) }));
  }
  const own = OWN_MESSAGE.exec(issue.message);
  const expected = own !== null ? own[1] : genericExpected(issue);
  if (issue.code === "invalid_value" && issue.values.every((v) => typeof v === "string")) {
    return [{ kind: "expected", path, expected, choices: issue.values as string[] }];
  }
  return [{ kind: "expected", path, expected }];
}

const TYPE_PHRASES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "an array",
  tuple: "an array",
};

function genericExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_PHRASES[issue.expected] ?? `a value of type ${issue.expected}`;
    case "too_small":
      return bound(issue.origin, issue.inclusive ? ">=" : ">", Number(issue.minimum));
    case "too_big":
      return bound(issue.origin, issue.inclusive ? "<=" : "<", Number(issue.maximum));
    case "invalid_format":
      return issue.pattern === undefined ? `a valid ${issue.format}` : `a string matching ${issue.pattern}`;
    case "invalid_value":
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      // a discriminated union whose tag matched no option; zod already put the tag in the path
      const options = (issue as { readonly options?: readonly unknown[] }).options;
      return options !== undefined ? `one of ${options.join(", ")}` : "a valid value";
    }
    default:
      return "a valid value";
  }
}

function bound(origin: string, op: string, limit: number): string {
  if (origin === "array") {
    const items = op === ">=" || op === "<=" ? limit : op === ">" ? limit + 1 : limit - 1;
    return `${op.startsWith(">") ? "at least" : "at most"} ${items} item${items === 1 ? "" : "s"}`;
  }
  if (origin === "string") return `a string of ${op} ${limit} characters`;
  return `a number ${op} ${limit}`;
}
