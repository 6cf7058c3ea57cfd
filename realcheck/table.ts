// Plain-text tables in Markdown's pipe syntax, columns padded: readable in
// a terminal and pasted into docs/validation.md as they are.
import type { Latencies, Rate } from "./stats.js";
import { halfWidth } from "./stats.js";

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** decimals enough for two or three significant digits */
function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

/** "36.4 [33.1, 40.0]" */
export function rateCell(r: Rate): string {
  return `${num(r.rate)} [${num(r.lo)}, ${num(r.hi)}]`;
}

/** "±9%" : the interval's half width relative to the rate */
export function widthCell(r: Rate): string {
  const w = halfWidth(r);
  return Number.isFinite(w) ? `±${Math.round(w * 100)}%` : "—";
}

export function inside(real: Rate, sim: Rate): string {
  const overlap = sim.lo <= real.hi && real.lo <= sim.hi;
  if (sim.rate >= real.lo && sim.rate <= real.hi) return "yes";
  return overlap ? "no (intervals overlap)" : "no";
}

export function ratioCell(real: Rate, sim: Rate): string {
  return real.rate > 0 ? (sim.rate / real.rate).toFixed(2) : "—";
}

export function reasonsCell(reasons: Record<string, number>): string {
  const list = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  return list.length === 0 ? "none" : list.map(([k, v]) => `${k} ${v}`).join(", ");
}

export function latencyRow(label: string, l: Latencies, extra = ""): string[] {
  const s = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "—");
  return [label, String(l.count), s(l.min), s(l.mean), s(l.p50), s(l.p90), s(l.max), extra];
}
export const LATENCY_HEADER = ["", "crashes", "min s", "mean s", "p50 s", "p90 s", "max s", "note"];
