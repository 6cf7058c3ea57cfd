// report.html: one self-contained file (styles, data, the Vega runtime and
// the page's script inline; nothing fetched), readable offline in any
// browser. The charts' compiled specs travel as JSON in a script element;
// the tables are plain HTML, so they read without JavaScript too.
import type { Chart } from "./chart.js";
import type { CompiledChart } from "./render.js";

export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  /** cells as shown; `best` marks a cell to highlight */
  readonly rows: readonly (readonly { readonly text: string; readonly best?: boolean; readonly numeric?: boolean }[])[];
}

export interface Page {
  readonly title: string;
  /** facts under the title: clients, duration, seed... */
  readonly facts: readonly string[];
  readonly tables: readonly Table[];
  readonly charts: readonly Chart[];
  /** the tables after the charts (a long list) rather than before (a summary) */
  readonly tablesLast?: boolean;
  readonly compiled: readonly CompiledChart[];
  readonly notes: readonly string[];
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2530; background: #f6f7f9; }
header { background: #1d2530; color: #fff; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #c9d1db; }
main { padding: 8px 28px 40px; max-width: 1500px; }
section { background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; padding: 14px 18px; margin: 16px 0; }
h2 { font-size: 17px; margin: 0 0 4px; }
p.caption { margin: 0 0 10px; color: #57606a; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 7px; border-bottom: 1px solid #eaecef; text-align: left; white-space: nowrap; }
th { font-weight: 600; background: #f6f8fa; white-space: normal; vertical-align: bottom; max-width: 7.5em; font-size: 12px; overflow-wrap: break-word; }
td.num, th.num { text-align: right; }
td.best { background: #dff5e1; font-weight: 700; }
.table-wrap { overflow-x: auto; }
.chart { min-height: 60px; overflow-x: auto; }
footer { color: #57606a; padding: 0 28px 24px; }
#vg-tooltip-element { font-size: 12px; }
`;

export function pageHtml(page: Page, pageScript: string): string {
  const tables = page.tables.map(tableHtml);
  const charts = page.charts.map(
    (c) => `<section id="section-${c.id}"><h2>${esc(c.title)}</h2><p class="caption">${esc(c.caption)}</p><div class="chart" id="chart-${c.id}"></div></section>`,
  );
  const sections = page.tablesLast === true ? [...charts, ...tables] : [...tables, ...charts];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<header><h1>${esc(page.title)}</h1><p>${page.facts.map(esc).join(" · ")}</p></header>`,
    "<main>",
    ...sections,
    "</main>",
    `<footer>${page.notes.map((n) => `<p>${esc(n)}</p>`).join("")}</footer>`,
    `<script type="application/json" id="report-charts">${scriptSafe(JSON.stringify(page.compiled))}</script>`,
    `<script>${scriptSafe(pageScript)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function tableHtml(t: Table): string {
  // a dotted path may break after its dots and underscores, and nowhere else
  const breakable = (h: string) => esc(h).replace(/([._])/g, "$1<wbr>");
  const head = t.head.map((h, k) => `<th${t.rows.some((r) => r[k]?.numeric) ? ' class="num"' : ""}>${breakable(h)}</th>`).join("");
  const body = t.rows
    .map((r) => `<tr>${r.map((c) => `<td${cls(c)}>${esc(c.text)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<section class="summary"><h2>${esc(t.caption)}</h2><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

function cls(c: { best?: boolean; numeric?: boolean }): string {
  const names = [c.numeric ? "num" : "", c.best ? "best" : ""].filter((n) => n !== "");
  return names.length > 0 ? ` class="${names.join(" ")}"` : "";
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string);
}

/** inside a script element only `</script` (any case) and `<!--` end or confuse it; both kept out */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
