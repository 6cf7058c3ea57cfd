// The charts of a sweep: the trade-offs (detection p99 against each price:
// false releases, server load, the client's cost), one line per strategy
// family across the swept values, 95% intervals where there are
// replications, the Pareto front marked; and each key metric against each
// swept parameter, as small multiples.
//
// A family is a strategy with every swept value fixed but the ones that move
// along the line. In a trade-off chart the line follows the sweep's fastest
// axis (points are numbered with the last declared parameter varying
// fastest: the columns that differ between the first two points), so a
// 3 x 4 sweep draws 3 lines of 4 per strategy. In a chart against one swept
// column, a column moves with it when its value is a function of that one's
// (a zip group); every other column splits the line in families.
import type { TopLevelSpec } from "vega-lite";
import type { KeyMetric } from "../metrics/stats.js";
import { metricRow } from "../output/table.js";
import { CONFIG, strategyColor, type Chart } from "./chart.js";
import type { SweepPoint, SweepResults } from "./results.js";

interface Axis {
  readonly metric: KeyMetric;
  readonly key: string;
  readonly title: string;
}

/** a metric as a chart field (`key`) with the label the terminal gives it */
const axis = (metric: KeyMetric, key: string): Axis => ({ metric, key, title: metricRow(metric).label });

const P99 = axis("detection_latency_p99_s", "p99");
const PRICES: readonly Axis[] = [axis("false_positives_per_client_hour", "fp"), axis("server_msgs_per_s_mean", "load")];
const ENERGY = axis("client_energy_j_per_hour_mean", "energy");
const TX = axis("client_tx_per_hour_mean", "tx");
const MULTIPLES: readonly Axis[] = [P99, axis("detection_latency_mean_s", "latency_mean"), ...PRICES, ENERGY, TX, axis("reconnects", "reconnects")];

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

export function sweepCharts(r: SweepResults): Chart[] {
  const strategies = [...new Set(r.points.map((p) => p.strategy))];
  const color = strategyColor(strategies);
  const hasEnergy = r.points.some((p) => p.metrics.client_energy_j_per_hour_mean.mean !== null);
  const cost = hasEnergy ? ENERGY : TX;
  const axes = [P99, ...PRICES, cost, ...MULTIPLES.filter((m) => m !== P99 && m !== cost && !PRICES.includes(m))].filter(
    (a) => r.points.some((p) => p.metrics[a.metric].mean !== null),
  );
  const line = fastest(r);
  const rows = r.points.map((p) => row(r, p, axes, line));
  const swept = r.swept.map((name, k) => ({ field: `v${k}`, title: name }));
  const tooltip = [
    { field: "point", title: "point" },
    { field: "strategy", title: "strategy" },
    ...swept,
    ...axes.map((a) => ({ field: a.key, title: a.title, format: ",.4~f" })),
    { field: "pareto_text", title: "Pareto front" },
  ];
  const replicated = r.replications > 1;
  const charts: Chart[] = [];
  for (const x of [...PRICES, cost]) {
    charts.push({
      id: `tradeoff-${x.key}`,
      title: `Detection p99 against ${x.title}`,
      caption:
        `Each point is one strategy at one sweep point (mean over its runs${replicated ? "; bars: 95% intervals" : ""}), ` +
        `lines join a family along ${lineNames(r, line)}. Ringed points are on the Pareto front. Down and left is better.`,
      spec: tradeoff(rows, x, color, tooltip, replicated),
    });
  }
  r.swept.forEach((name, k) => {
    const along = movesWith(r, k);
    const numeric = r.points.every((p) => p.values[k] !== "" && Number.isFinite(Number(p.values[k])));
    const long: object[] = [];
    for (const p of r.points) {
      for (const a of axes) {
        const e = p.metrics[a.metric];
        if (e.mean === null) continue;
        long.push({
          metric: a.title,
          x: numeric ? Number(p.values[k]) : p.values[k],
          strategy: p.strategy,
          family: family(r, p, along),
          mean: e.mean,
          low: e.low,
          high: e.high,
          point: p.point,
        });
      }
    }
    charts.push({
      id: `metrics-by-${k + 1}`,
      title: `Key metrics against ${name}`,
      caption: `Each key metric (mean${replicated ? ", 95% interval" : ""}) as ${name} moves; one line per strategy family.`,
      spec: {
        $schema: SCHEMA,
        config: CONFIG,
        data: { values: long },
        facet: { field: "metric", type: "nominal", title: null, sort: axes.map((a) => a.title), header: { labelFontSize: 12, labelFontWeight: "bold" } },
        columns: 3,
        resolve: { scale: { y: "independent" } },
        spec: {
          width: 210,
          height: 130,
          layer: [
            { mark: { type: "line" }, encoding: { x: { field: "x", type: numeric ? "quantitative" : "ordinal", title: name }, y: { field: "mean", type: "quantitative", title: null, scale: { zero: false } }, color, detail: { field: "family" }, order: { field: "x" } } },
            ...(replicated ? [{ transform: [{ filter: "datum.low != null" }], mark: { type: "rule" }, encoding: { x: { field: "x", type: numeric ? "quantitative" : "ordinal" }, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color } }] : []),
            {
              mark: { type: "point", filled: true, size: 30 },
              encoding: {
                x: { field: "x", type: numeric ? "quantitative" : "ordinal" },
                y: { field: "mean", type: "quantitative" },
                color,
                tooltip: [{ field: "point", title: "point" }, { field: "strategy" }, { field: "x", title: name }, { field: "metric" }, { field: "mean", format: ",.4~f" }],
              },
            },
          ],
        },
      } as unknown as TopLevelSpec,
    });
  });
  return charts;
}

function tradeoff(rows: object[], x: Axis, color: object, tooltip: object[], replicated: boolean): TopLevelSpec {
  const xEnc = { field: x.key, type: "quantitative", title: x.title, scale: { zero: false } };
  const yEnc = { field: "p99", type: "quantitative", title: P99.title, scale: { zero: false } };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    width: 560,
    height: 320,
    data: { values: rows },
    transform: [{ filter: `datum.p99 != null && datum.${x.key} != null` }],
    layer: [
      { mark: { type: "line", strokeWidth: 1.5, opacity: 0.7 }, encoding: { x: xEnc, y: yEnc, color, detail: { field: "family" }, order: { field: "order" } } },
      ...(replicated
        ? [
            { transform: [{ filter: "datum.p99_low != null" }], mark: { type: "rule", opacity: 0.6 }, encoding: { x: { field: x.key, type: "quantitative" }, y: { field: "p99_low", type: "quantitative" }, y2: { field: "p99_high" }, color } },
            { transform: [{ filter: `datum.${x.key}_low != null` }], mark: { type: "rule", opacity: 0.6 }, encoding: { y: { field: "p99", type: "quantitative" }, x: { field: `${x.key}_low`, type: "quantitative" }, x2: { field: `${x.key}_high` }, color } },
          ]
        : []),
      {
        mark: { type: "point", filled: true },
        encoding: {
          x: { field: x.key, type: "quantitative" },
          y: { field: "p99", type: "quantitative" },
          color,
          size: { field: "pareto_text", type: "ordinal", sort: ["yes", "no"], title: "Pareto front", scale: { domain: ["yes", "no"], range: [140, 40] } },
          stroke: { field: "pareto_text", type: "ordinal", sort: ["yes", "no"], scale: { domain: ["yes", "no"], range: ["#111", "transparent"] }, legend: null },
          strokeWidth: { value: 2 },
          tooltip,
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** the columns of the fastest axis: those that differ between the first two points */
function fastest(r: SweepResults): boolean[] {
  const numbers = [...new Set(r.points.map((p) => p.point))].sort((a, b) => a - b);
  const [a, b] = numbers.map((n) => r.points.find((p) => p.point === n) as SweepPoint);
  return r.swept.map((_, j) => a !== undefined && b !== undefined && a.values[j] !== b.values[j]);
}

function lineNames(r: SweepResults, line: readonly boolean[]): string {
  const names = r.swept.filter((_, j) => line[j]);
  return names.length > 0 ? names.join(" and ") : "the points";
}

/** for each swept column, whether its value is a function of column k's (it moves along with it) */
function movesWith(r: SweepResults, k: number): boolean[] {
  return r.swept.map((_, j) => {
    if (j === k) return true;
    const seen = new Map<string, string>();
    return r.points.every((p) => {
      const before = seen.get(p.values[k]);
      seen.set(p.values[k], p.values[j]);
      return before === undefined || before === p.values[j];
    });
  });
}

function family(r: SweepResults, p: SweepPoint, moving: readonly boolean[]): string {
  const fixed = r.swept.flatMap((name, j) => (moving[j] ? [] : [`${name}=${p.values[j]}`]));
  return [p.strategy, ...fixed].join(" ");
}

function row(r: SweepResults, p: SweepPoint, axes: readonly Axis[], moving: readonly boolean[]): object {
  const out: Record<string, unknown> = {
    point: p.point,
    strategy: p.strategy,
    family: family(r, p, moving),
    order: p.point,
    pareto_text: p.pareto ? "yes" : "no",
  };
  p.values.forEach((v, k) => (out[`v${k}`] = v));
  for (const a of axes) {
    const e = p.metrics[a.metric];
    out[a.key] = e.mean;
    out[`${a.key}_low`] = e.low;
    out[`${a.key}_high`] = e.high;
  }
  return out;
}
