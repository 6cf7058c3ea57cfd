// What every chart of a report is: a Vega-Lite spec with its data inline,
// named so that the page, the SVG files and the tests can find it.
import type { TopLevelSpec } from "vega-lite";

export interface Chart {
  /** file-name safe: the SVG is charts/<id>.svg, the page's element chart-<id> */
  readonly id: string;
  readonly title: string;
  /** one sentence under the title: how to read it */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** one colour per strategy, the same in every chart of a report */
export function strategyColor(strategies: readonly string[], title = "strategy"): Record<string, unknown> {
  return {
    field: "strategy",
    type: "nominal",
    title,
    scale: { domain: strategies, scheme: strategies.length <= 10 ? "tableau10" : "category20" },
    legend: { orient: "bottom", columns: Math.min(strategies.length, 4), labelLimit: 260 },
  };
}

export const CONFIG = {
  font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;
