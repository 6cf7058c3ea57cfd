// The charts of one run (a `sim run` folder), per strategy: when crashes are
// found (the latency CDF), what the server pays over time, how many
// connections it holds and how many it wrongly let go, and what each client
// pays. Replications are pooled (the CDF) or averaged (the time series), and
// the page says so.
import type { TopLevelSpec } from "vega-lite";
import { cdfPoints, percentile } from "./cdf.js";
import { CONFIG, strategyColor, type Chart } from "./chart.js";
import type { SummaryColumn } from "../metrics/columns.js";
import { metricRow } from "../output/table.js";
import type { RunResults } from "./results.js";

/** at most this many CDF points in all, shared among the strategies */
const CDF_POINTS = 4000;
/** at most this many points a time series: a day of 10 s buckets is drawn in spans of 12 */
const SERIES_POINTS = 720;
const WIDE = 640;

export interface LatencySummary {
  readonly n: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

export function runCharts(r: RunResults): { charts: Chart[]; latency: LatencySummary[] } {
  const latency: LatencySummary[] = [];
  const cdfRows: object[] = [];
  const markRows: object[] = [];
  const perStrategy = Math.max(100, Math.min(1000, Math.floor(CDF_POINTS / r.strategies.length)));
  r.strategies.forEach((strategy, k) => {
    const sorted = r.detections.latenciesUs[k].slice().sort();
    for (const pt of cdfPoints(sorted, perStrategy)) cdfRows.push({ strategy, latency_s: pt.x / 1e6, share: Math.round(pt.p * 1e6) / 1e6 });
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    latency.push({ n: sorted.length, p50: p50 === null ? null : p50 / 1e6, p99: p99 === null ? null : p99 / 1e6 });
    if (p50 !== null && p99 !== null) {
      markRows.push({ strategy, mark: "p50", latency_s: p50 / 1e6, share: 0.5 }, { strategy, mark: "p99", latency_s: p99 / 1e6, share: 0.99 });
    }
  });
  const color = strategyColor(r.strategies);
  const pooled = r.about.replications > 1 ? ` pooled over ${r.about.replications} replications` : "";
  const averaged = r.about.replications > 1 ? `, each bucket the mean of ${r.about.replications} replications` : "";
  const charts: Chart[] = [];

  charts.push({
    id: "latency-cdf",
    title: "Detection latency",
    caption: `Share of detected crashes released within x seconds of the crash${pooled}; p50 and p99 marked. Further left is faster.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CONFIG,
      width: WIDE,
      height: 300,
      layer: [
        {
          data: { values: cdfRows },
          mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
          encoding: {
            x: { field: "latency_s", type: "quantitative", title: "detection latency (s)" },
            y: { field: "share", type: "quantitative", title: "share of detected crashes", axis: { format: "%" }, scale: { domain: [0, 1] } },
            color,
          },
        },
        {
          data: { values: markRows },
          mark: { type: "point", filled: true, size: 90, opacity: 1 },
          encoding: {
            x: { field: "latency_s", type: "quantitative" },
            y: { field: "share", type: "quantitative" },
            color,
            shape: { field: "mark", type: "nominal", title: "percentile", scale: { domain: ["p50", "p99"], range: ["circle", "triangle-up"] } },
            tooltip: [
              { field: "strategy", title: "strategy" },
              { field: "mark", title: "percentile" },
              { field: "latency_s", title: "latency (s)", format: ".3f" },
            ],
          },
        },
      ],
    } as TopLevelSpec,
  });

  const span = Math.max(1, Math.ceil(r.buckets / SERIES_POINTS));
  const buckets = bucketMeans(r, span);
  const spanText = span === 1 ? `per ${r.about.bucket_s} s bucket` : `per ${span * r.about.bucket_s} s (${span} buckets of summary's ${r.about.bucket_s} s, averaged)`;
  const restarts = r.about.restarts.map((x) => ({ t_s: x.at_s, down_for_s: x.down_for_s }));
  // a rule per restart: over the chart's own rows in a faceted chart, with its own data elsewhere
  const restartMark = {
    mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3], strokeWidth: 1.5 },
    encoding: {
      x: { field: "t_s", type: "quantitative" },
      tooltip: [
        { field: "t_s", title: "server restart at (s)" },
        { field: "down_for_s", title: "down for (s)" },
      ],
    },
  };
  const restartRule = { data: { values: restarts }, ...restartMark };
  const restartNote = restarts.length > 0 ? " Dashed red lines: server restarts." : "";
  const time = { field: "t_s", type: "quantitative", title: "simulated time (s)", scale: { domain: [0, r.about.duration_s], nice: false } };

  const loadRows: object[] = [];
  for (const b of buckets) {
    loadRows.push({ kind: "load", strategy: b.strategy, t_s: b.tS, direction: "in", msgs_per_s: b.inPerS });
    loadRows.push({ kind: "load", strategy: b.strategy, t_s: b.tS, direction: "out", msgs_per_s: b.outPerS });
  }
  for (const s of r.strategies) for (const x of restarts) loadRows.push({ kind: "restart", strategy: s, t_s: x.t_s, down_for_s: x.down_for_s });
  charts.push({
    id: "server-load",
    title: "Server messages per second",
    caption: `Messages reaching (in) and leaving (out) the server per second, ${spanText}${averaged}.${restartNote}`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CONFIG,
      data: { values: loadRows },
      facet: { field: "strategy", type: "nominal", title: null, sort: r.strategies, header: { labelFontSize: 12, labelFontWeight: "bold" } },
      columns: Math.min(2, r.strategies.length),
      spec: {
        width: r.strategies.length === 1 ? WIDE : 300,
        height: 150,
        layer: [
          {
            transform: [{ filter: "datum.kind === 'load'" }],
            mark: { type: "line", strokeWidth: 1.5 },
            encoding: {
              x: time,
              y: { field: "msgs_per_s", type: "quantitative", title: "msgs/s" },
              color: { field: "direction", type: "nominal", title: "direction", scale: { domain: ["in", "out"], range: ["#1f77b4", "#ff7f0e"] }, legend: { orient: "bottom" } },
            },
          },
          { transform: [{ filter: "datum.kind === 'restart'" }], ...restartMark },
        ],
      },
    } as unknown as TopLevelSpec,
  });

  charts.push({
    id: "tracked",
    title: "Tracked connections",
    caption: `Connections the server holds at the end of each bucket${averaged}.${restartNote}`,
    spec: overTime(r, buckets.map((b) => ({ strategy: b.strategy, t_s: b.tS, value: b.tracked })), "tracked connections", restartRule, color),
  });
  charts.push({
    id: "false-releases",
    title: "False releases, cumulative",
    caption: `Live clients released by mistake since the start${averaged}. Flatter is better.${restartNote}`,
    spec: overTime(r, buckets.map((b) => ({ strategy: b.strategy, t_s: b.tS, value: b.falseCumulative })), "false releases so far", restartRule, color),
  });

  const costRows: object[] = [];
  const costs: [string, SummaryColumn][] = (["client_tx_per_hour_mean", "client_energy_j_per_hour_mean", "client_wakeups_per_hour_mean"] as const).map(
    (column) => [metricRow(column).label, column],
  );
  const shownCosts = costs.filter(([, column]) => r.summary.some((reps) => reps.some((s) => s[column] !== null)));
  r.strategies.forEach((strategy, k) => {
    for (const [metric, column] of shownCosts) {
      const value = meanOf(r.summary[k].map((s) => s[column]));
      if (value !== null) costRows.push({ strategy, metric, value });
    }
  });
  charts.push({
    id: "client-cost",
    title: "Client cost",
    caption: `What each client pays per hour: messages sent${shownCosts.length > 1 ? ", radio energy and radio wake-ups (the battery)" : " (no radio model in this scenario)"}${r.about.replications > 1 ? ", mean over replications" : ""}. Shorter is better.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      config: CONFIG,
      data: { values: costRows },
      facet: { field: "metric", type: "nominal", title: null, sort: shownCosts.map(([m]) => m), header: { labelFontSize: 12, labelFontWeight: "bold" } },
      columns: 3,
      resolve: { scale: { x: "independent" } },
      spec: {
        width: 200,
        height: { step: 18 },
        mark: { type: "bar" },
        encoding: {
          y: { field: "strategy", type: "nominal", title: null, sort: r.strategies, axis: { labelLimit: 220 } },
          x: { field: "value", type: "quantitative", title: null },
          color: { ...color, legend: null },
          tooltip: [
            { field: "strategy", title: "strategy" },
            { field: "metric", title: "metric" },
            { field: "value", title: "value", format: ",.1f" },
          ],
        },
      },
    } as unknown as TopLevelSpec,
  });
  return { charts, latency };
}

function overTime(r: RunResults, rows: object[], title: string, restartRule: object, color: object): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: WIDE,
    height: 220,
    layer: [
      {
        data: { values: rows },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: { field: "t_s", type: "quantitative", title: "simulated time (s)", scale: { domain: [0, r.about.duration_s], nice: false } },
          y: { field: "value", type: "quantitative", title },
          color,
        },
      },
      restartRule,
    ],
  } as unknown as TopLevelSpec;
}

interface BucketMean {
  readonly strategy: string;
  readonly tS: number;
  readonly inPerS: number;
  readonly outPerS: number;
  readonly tracked: number;
  readonly falseCumulative: number;
}

/**
 * Per strategy and span of `span` buckets, the mean over replications: rates
 * over the span's true length (the last may be short), tracked connections
 * at the span's end, false releases up to its end. Rounded for the page.
 */
function bucketMeans(r: RunResults, span: number): BucketMean[] {
  const buckets = r.buckets;
  const reps = r.about.replications;
  const sums = r.strategies.map(() => Array.from({ length: buckets }, () => ({ in: 0, out: 0, tracked: 0, fp: 0 })));
  for (const row of r.timeseries) {
    const k = Math.round(row.tS / r.about.bucket_s);
    const s = sums[row.strategy][k];
    s.in += row.serverIn;
    s.out += row.serverOut;
    s.tracked += row.tracked;
    s.fp += row.falsePositives;
  }
  const out: BucketMean[] = [];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  r.strategies.forEach((strategy, k) => {
    let cumulative = 0;
    for (let b = 0; b < buckets; b += span) {
      const tS = b * r.about.bucket_s;
      const length = Math.min(span * r.about.bucket_s, r.about.duration_s - tS);
      const part = sums[k].slice(b, b + span);
      const total = (f: (x: (typeof part)[number]) => number) => part.reduce((a, x) => a + f(x), 0);
      cumulative += total((x) => x.fp) / reps;
      out.push({
        strategy,
        tS,
        inPerS: round(total((x) => x.in) / reps / length),
        outPerS: round(total((x) => x.out) / reps / length),
        tracked: round((part.at(-1) as (typeof part)[number]).tracked / reps),
        falseCumulative: round(cumulative),
      });
    }
  });
  return out;
}

export function meanOf(values: readonly (number | string | null)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === "number");
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
