// A heartbeat period with jitter: uniform in [interval(1-j), interval(1+j)],
// rounded to the µs. With no jitter no random number is drawn at all.
export function jitteredUs(intervalUs: number, jitter: number, u: () => number): number {
  if (jitter === 0) return intervalUs;
  return Math.max(1, Math.round(intervalUs * (1 + jitter * (2 * u() - 1))));
}
