// Statistics over replications: mean, standard deviation and a 95% Student-t
// confidence interval of each key metric per point and strategy, and the
// Pareto front of the point-strategies. Computed from the numbers as the CSV
// cells give them, so that a sweep, a resumed sweep and merged shards give
// the same bytes. Pure.

import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** the summary columns whose spread over replications matters when choosing a heartbeat */
export const KEY_METRICS = [
  "detection_latency_mean_s",
  "detection_latency_p99_s",
  "false_positives_per_client_hour",
  "server_msgs_per_s_mean",
  "server_msgs_per_s_peak",
  "client_tx_per_hour_mean",
  "client_energy_j_per_hour_mean",
  "reconnects",
] as const;

export type KeyMetric = (typeof KEY_METRICS)[number];

export interface Estimate {
  readonly mean: number | null;
  /** sample standard deviation (n - 1); null for fewer than two values */
  readonly sd: number | null;
  readonly n: number;
  /** the 95% interval mean +- t(0.975, n - 1) sd / sqrt(n); null for fewer than two values */
  readonly low: number | null;
  readonly high: number | null;
}

/** over the values that are there (an empty cell, such as no detections, is left out) */
export function estimate(values: readonly (number | null)[]): Estimate {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { mean: null, sd: null, n, low: null, high: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: null, n, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, sd, n, low: mean - half, high: mean + half };
}

/**
 * Which rows no other row beats: another beats a row when it is no worse on
 * every objective and better on one (all are to be made small). Objectives
 * some row lacks (no crashes: no detection latency) are left out for all.
 */
export function paretoFront(rows: readonly (readonly (number | null)[])[]): boolean[] {
  if (rows.length === 0) return [];
  const used = rows[0].map((_, k) => k).filter((k) => rows.every((r) => r[k] !== null));
  const v = (r: readonly (number | null)[], k: number) => r[k] as number;
  return rows.map((row, i) =>
    !rows.some((other, j) => j !== i && used.every((k) => v(other, k) <= v(row, k)) && used.some((k) => v(other, k) < v(row, k))),
  );
}
