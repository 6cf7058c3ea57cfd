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
    }
  | { readonly kind: "text"; readonly path: Path; readonly text: string };

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

export function problemMessage(file: string, problem: Problem, raw: unknown): string {
  const where = `${file}: at ${formatPath(problem.path)}: `;
  if (problem.kind === "text") return where + problem.text;
  const found = problem.found ?? renderFound(valueAt(raw, problem.path));
  const why = problem.why === undefined ? "" : `: ${problem.why}`;
  return `${where}expected ${problem.expected}, found ${found}${why}`;
}

/**
 * The issue to report when zod found several: an unknown key first, because
 * a misspelt key also makes the real key look missing and the unknown-key
 * message (with its hint) names the actual mistake; otherwise zod's order.
 */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((issue) => issue.code === "unrecognized_keys") ?? issues[0];
}

/** Our own error texts start with "expected "; zod's defaults never do. */
const OWN_MESSAGE = /^expected (.*)$/s;

export function issueProblem(issue: z.core.$ZodIssue): Problem {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const text = issue.message.startsWith("unknown key")
      ? issue.message
      : `unknown key ${JSON.stringify(issue.keys[0])}`;
    return { kind: "text", path, text };
  }
  const own = OWN_MESSAGE.exec(issue.message);
  return { kind: "expected", path, expected: own !== null ? own[1] : genericExpected(issue) };
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
