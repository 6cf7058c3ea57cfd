// A distribution summarised for a chart: the empirical CDF of possibly
// millions of values, drawn as at most `points` steps. The k-th point is the
// value at rank ceil(k n / points) with its exact share k'/n, so the curve
// passes through true points of the distribution (never interpolated) and
// the first and last ranks, the minimum and the maximum, are always there.
import { nearestRank } from "../metrics/percentile.js";

export interface CdfPoint {
  /** the value (seconds) */
  readonly x: number;
  /** the share of values <= x */
  readonly p: number;
}

/** `sorted` ascending; at most `points` (>= 2) points, plus none for an empty set */
export function cdfPoints(sorted: Float64Array, points: number): CdfPoint[] {
  const n = sorted.length;
  if (n === 0) return [];
  let last = 1;
  while (last < n && sorted[last] === sorted[0]) last++;
  const out: CdfPoint[] = [{ x: sorted[0], p: last / n }];
  const steps = Math.min(n, points) - 1;
  for (let k = 1; k <= steps; k++) {
    const rank = k === steps ? n : Math.max(1, Math.ceil((k * n) / steps));
    if (rank <= last) continue;
    // the last of a run of equal values: the CDF's true height there
    let r = rank;
    while (r < n && sorted[r] === sorted[rank - 1]) r++;
    out.push({ x: sorted[r - 1], p: r / n });
    last = r;
  }
  return out;
}

/** the nearest-rank percentile, as summary.csv computes it */
export function percentile(sorted: Float64Array, p: number): number | null {
  const v = nearestRank(sorted, p);
  return Number.isNaN(v) ? null : v;
}
