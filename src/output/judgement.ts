// The readable report of `sim check`: one line per failed expectation, then
// the count. Numbers are shown in the column's own CSV format.
import { SUMMARY_COLUMNS } from "../metrics/columns.js";
import type { Judgement } from "../metrics/expect.js";
import type { Bound } from "../scenario/plan.js";
import { formatCell } from "./number.js";

/** One line per failure, then `N expectations, M failed` (N counts pairs). */
export function formatJudgement(j: Judgement): string {
  const lines = j.failures.map(
    (f) =>
      `FAIL ${f.strategy} rep ${f.replication}: ${f.column} = ${show(f.column, f.actual)}, expected ${describeBound(f.column, f.bound)}`,
  );
  const total = j.passed + j.failures.length;
  lines.push(`${total} expectation${total === 1 ? "" : "s"}, ${j.failures.length} failed`);
  return lines.join("\n") + "\n";
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
