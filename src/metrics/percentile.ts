// Nearest-rank percentiles over a typed array (sorted in place, numerically:
// typed arrays sort by value, not as strings).

export function sortNumbers(values: Float64Array): Float64Array {
  return values.sort();
}

/** the p-th percentile (0 < p <= 100) of sorted values: the ceil(p/100 * n)-th smallest; NaN if empty */
export function nearestRank(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // p * n first: integer arithmetic, so 99% of 100 is rank 99, not 100
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[Math.min(n, rank) - 1];
}

export function mean(values: Float64Array): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum / values.length;
}
