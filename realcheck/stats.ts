// Rates of counted events and their intervals.
//
// A count k of false disconnects in T connected client-hours is taken as
// Poisson with mean λT; its exact (Garwood) 95% interval is
//   [ χ²(0.025; 2k) / 2 , χ²(0.975; 2k + 2) / 2 ] / T
// with χ²(q; ν) the q-quantile of the chi-square distribution with ν
// degrees of freedom (the lower end 0 when k = 0). The quantile comes from
// stdlib, as the t quantile of the project's own statistics does.
//
// Poisson assumes events independent of one another. Whether the clients'
// counts scatter more than that says is checked with the dispersion
// statistic φ = Pearson χ² / (n − 1) over the per-client counts (φ ≈ 1:
// Poisson; φ > 1: over-dispersed, and the honest interval is about √φ
// times wider).
import chisquareQuantile from "@stdlib/stats-base-dists-chisquare-quantile";

export interface Rate {
  readonly events: number;
  readonly hours: number;
  readonly rate: number;
  readonly lo: number;
  readonly hi: number;
}

/** the exact central interval of a Poisson mean from one observed count k */
export function poissonInterval(k: number, level = 0.95): [number, number] {
  const a = (1 - level) / 2;
  const lo = k === 0 ? 0 : chisquareQuantile(a, 2 * k) / 2;
  const hi = chisquareQuantile(1 - a, 2 * k + 2) / 2;
  return [lo, hi];
}

export function rate(events: number, hours: number): Rate {
  const [lo, hi] = poissonInterval(events);
  return { events, hours, rate: events / hours, lo: lo / hours, hi: hi / hours };
}

/** the interval's half width relative to the rate, e.g. 0.12 for ±12% (Infinity with no events) */
export function halfWidth(r: Rate): number {
  return r.events === 0 ? Infinity : (r.hi - r.lo) / 2 / r.rate;
}

/**
 * Pearson dispersion of counts k_i over exposures h_i against one common
 * rate: Σ (k_i − λh_i)² / (λh_i) / (n − 1), λ = Σk / Σh. NaN when it cannot
 * be told (fewer than two units or no events).
 */
export function dispersion(units: { events: number; hours: number }[]): number {
  const used = units.filter((u) => u.hours > 0);
  const k = used.reduce((a, u) => a + u.events, 0);
  const h = used.reduce((a, u) => a + u.hours, 0);
  if (used.length < 2 || k === 0) return NaN;
  const lambda = k / h;
  const chi2 = used.reduce((a, u) => a + (u.events - lambda * u.hours) ** 2 / (lambda * u.hours), 0);
  return chi2 / (used.length - 1);
}

/** nearest-rank percentile of sorted values (the simulator's definition: the ⌈q·n⌉-th smallest) */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))];
}

/** the middle value (the upper of the two middle ones for an even count); undefined when there is none */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface Latencies {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
}

export function latencies(values: number[]): Latencies {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { count: s.length, min: s[0] ?? NaN, mean, p50: percentile(s, 0.5), p90: percentile(s, 0.9), max: s[s.length - 1] ?? NaN };
}
