// Counts and their exact Poisson intervals (Garwood): the count k of false
// disconnects in T client-hours is taken as Poisson, and the 95% interval of
// its mean found by bisection on the Poisson distribution function.

/** P(X <= k) for X ~ Poisson(mean) */
function poissonCdf(k: number, mean: number): number {
  if (mean === 0) return 1;
  let sum = 0;
  let logTerm = -mean; // j = 0
  for (let j = 0; j <= k; j++) {
    if (j > 0) logTerm += Math.log(mean) - Math.log(j);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

function bisect(f: (x: number) => boolean, lo: number, hi: number): number {
  for (let n = 0; n < 200; n++) {
    const mid = (lo + hi) / 2;
    if (f(mid)) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** the exact 95% interval of a Poisson mean from one count k */
export function poissonInterval(k: number, level = 0.95): [number, number] {
  const a = (1 - level) / 2;
  const hiGuess = k + 20 * Math.sqrt(k + 1) + 20;
  const lower = k === 0 ? 0 : bisect((m) => 1 - poissonCdf(k - 1, m) >= a, 0, hiGuess);
  const upper = bisect((m) => poissonCdf(k, m) <= a, 0, hiGuess);
  return [lower, upper];
}

export interface Rate {
  readonly events: number;
  readonly hours: number;
  readonly rate: number;
  readonly lo: number;
  readonly hi: number;
}

export function rate(events: number, hours: number): Rate {
  const [lo, hi] = poissonInterval(events);
  return { events, hours, rate: events / hours, lo: lo / hours, hi: hi / hours };
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
