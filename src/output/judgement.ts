// The readable report of `sim check`: every expectation judged, a line each
// with its measured value and a pass or fail mark (as k6 lists its
// thresholds), then the count; and the same as JUnit XML for CI systems.
// Numbers are shown in the column's own CSV format.
import { SUMMARY_COLUMNS } from "../metrics/columns.js";
import type { Check, Judgement } from "../metrics/expect.js";
import type { Bound } from "../scenario/plan.js";
import { formatCell } from "./number.js";

const PASS = "✓";
const FAIL = "✗";

/** One line per check, then `N expectations, M failed` (N counts checks). */
export function formatJudgement(j: Judgement): string {
  const lines = j.checks.map((c) => `  ${c.ok ? PASS : FAIL} ${describeCheck(c)}`);
  const total = j.checks.length;
  lines.push(`${total} expectation${total === 1 ? "" : "s"}, ${j.failures.length} failed`);
  return lines.join("\n") + "\n";
}

/** "client-30s rep 0: false_positives = 52, expected max 40" */
export function describeCheck(c: Check): string {
  const which = c.over === "each" ? `rep ${c.replication}` : `${c.over} over replications`;
  return `${c.strategy} ${which}: ${c.column} = ${show(c.column, c.actual)}, expected ${describeBound(c.column, c.bound)}`;
}

function describeBound(column: string, bound: Bound): string {
  const v = show(column, bound.value);
  if (bound.op === "approx") return `approx ${v} (within ${show("", bound.rel * 100)}%)`;
  return `${bound.op} ${v}`;
}

const FORMATS: ReadonlyMap<string, string> = new Map(SUMMARY_COLUMNS.map(([n, f]) => [n, f]));

function show(column: string, value: number | null): string {
  if (value === null) return "(empty)";
  const format = FORMATS.get(column);
  // a bound like "max 40.5" on an int column must not print as 41
  const f = format === "seconds" || (format === "int" && Number.isInteger(value)) ? format : "ratio";
  return formatCell(value, f);
}

/** One <testsuite> per scenario, one <testcase> per check (a <failure> when it failed), as JUnit's XML schema has it. */
export function junitXml(suites: readonly { readonly name: string; readonly file: string; readonly judgement: Judgement }[]): string {
  const tests = suites.reduce((n, s) => n + s.judgement.checks.length, 0);
  const failures = suites.reduce((n, s) => n + s.judgement.failures.length, 0);
  const body = suites.map((s) => {
    const cases = s.judgement.checks.map((c) => {
      const name = escape(describeCheck(c).replace(/, expected .*$/, ""));
      const open = `    <testcase classname="${escape(`${s.name}.${c.strategy}`)}" name="${name}"`;
      return c.ok ? `${open}/>` : `${open}>\n      <failure message="${escape(describeCheck(c))}"/>\n    </testcase>`;
    });
    const head = `  <testsuite name="${escape(s.name)}" file="${escape(s.file)}" tests="${s.judgement.checks.length}" failures="${s.judgement.failures.length}">`;
    return [head, ...cases, "  </testsuite>"].join("\n");
  });
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="sim check" tests="${tests}" failures="${failures}">`, ...body, "</testsuites>", ""].join("\n");
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
