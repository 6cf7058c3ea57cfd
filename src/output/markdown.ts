// `sim run --format md`: the run's summary as a Markdown table for a pull
// request's comment or a CI job summary: strategies as rows, the units in
// the headers, the best value of each column in bold (the rows' `better`,
// as the report highlights them). Pure: text.
import type { StrategyRun } from "../metrics/types.js";
import { bestOf, formatMetric, runNames, shownRows } from "./table.js";

export function formatMarkdown(runs: readonly StrategyRun[], title: string): string {
  const rows = shownRows(runs);
  const best = rows.map((row) => bestOf(row, runs.map((run) => run.summary[row.column])));
  const cell = (run: StrategyRun, k: number): string => {
    const value = run.summary[rows[k].column];
    const text = formatMetric(rows[k], value);
    return best[k] !== null && value === best[k] ? `**${text}**` : text;
  };
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const names = runNames(runs);
  return [
    `### ${escape(title)}`,
    "",
    line(["strategy", ...rows.map((r) => escape(r.label))]),
    line(["---", ...rows.map(() => "---:")]),
    ...runs.map((run, j) => line([escape(names[j]), ...rows.map((_, k) => cell(run, k))])),
    "",
  ].join("\n");
}

/** a pipe would end the cell; a backslash or a star could start Markdown of its own */
function escape(text: string): string {
  return text.replace(/([\\|*_`])/g, "\\$1");
}
