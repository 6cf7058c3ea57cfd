// Phi accrual failure detector (Hayashibara et al. 2004) as Akka implements
// it (PhiAccrualFailureDetector.scala): per connection, a sliding window of
// inter-arrival times; F is a normal CDF with mean = window mean +
// acceptablePause and std = max(window std, minStdDev), evaluated by Akka's
// logistic approximation F(y) ~ 1 / (1 + exp(-y (1.5976 + 0.070566 y^2)))
// (error <= 1.4e-4), so phi(silence) = -log10(1 - F). That approximation has
// a closed-form inverse (a cubic), so the simulator schedules one deadline per
// heartbeat instead of polling phi.

const A = 1.5976;
const B = 0.070566;

/** phi after `elapsedUs` of silence, for a fitted mean and std (all µs). */
export function phiOf(elapsedUs: number, meanUs: number, stdUs: number): number {
  const y = (elapsedUs - meanUs) / stdUs;
  const e = Math.exp(-y * (A + B * y * y));
  // Akka's two branches: the same value, computed without cancellation on each side of the mean
  return elapsedUs > meanUs ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
}

/**
 * The silence (µs, real-valued) at which phi reaches `phi` > 0: phi is
 * increasing in the silence, and 1 - F = 10^-phi means
 * B y^3 + A y + ln(10^-phi / (1 - 10^-phi)) = 0, a cubic with one real root
 * (Cardano; A, B > 0).
 */
export function elapsedForPhi(phi: number, meanUs: number, stdUs: number): number {
  const logOdds = -phi * Math.LN10 - Math.log1p(-Math.pow(10, -phi)); // ln(p / (1 - p)), p = 10^-phi
  const p = A / B;
  const q = logOdds / B;
  const root = Math.sqrt((q * q) / 4 + (p * p * p) / 27);
  let y = Math.cbrt(-q / 2 + root) + Math.cbrt(-q / 2 - root);
  // one Newton step removes Cardano's cancellation error (the cubic is monotone, f' >= A)
  y -= (B * y * y * y + A * y + logOdds) / (3 * B * y * y + A);
  return meanUs + y * stdUs;
}

/**
 * Per-client phi accrual state over typed arrays: a ring buffer of
 * `capacity` inter-arrival samples per client (8 bytes each: capacity need
 * not exceed the number of heartbeats a run can deliver), with a running
 * mean and sum of squared deviations updated in O(1) per heartbeat
 * (Welford, with the sliding-window replace step once the ring is full).
 * The replace step cancels catastrophically when a sample far from the rest
 * leaves a window that has become tight (a 95 s gap leaving [7 µs, 2 µs]
 * loses ~1 in m2), so such a step recomputes the window in two passes
 * instead: rare, O(capacity), and it keeps the fit exact to ~1e-9.
 */
export class PhiWindows {
  private readonly samples: Float64Array;
  private readonly count: Uint32Array;
  private readonly head: Uint32Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly lastUs: Float64Array;

  constructor(
    clients: number,
    private readonly capacity: number,
    private readonly threshold: number,
    private readonly minStdDevUs: number,
    private readonly acceptablePauseUs: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`phi window capacity ${capacity} < 1`);
    this.samples = new Float64Array(clients * capacity);
    this.count = new Uint32Array(clients);
    this.head = new Uint32Array(clients);
    this.mean = new Float64Array(clients);
    this.m2 = new Float64Array(clients);
    this.lastUs = new Float64Array(clients);
  }

  /**
   * A new connection heard at nowUs. As Akka, the history starts with two
   * samples, estimate -+ estimate/4 (mean = estimate, std = estimate/4), so
   * the first heartbeats are judged against the expected interval.
   */
  start(i: number, nowUs: number, firstEstimateUs: number): void {
    this.count[i] = 0;
    this.head[i] = 0;
    this.mean[i] = 0;
    this.m2[i] = 0;
    this.add(i, firstEstimateUs * 0.75);
    this.add(i, firstEstimateUs * 1.25);
    this.lastUs[i] = nowUs;
  }

  /**
   * A sign of life at nowUs. Its inter-arrival time joins the window only if
   * the connection was not already suspect (Akka: the first heartbeat after
   * an unavailable period is not recorded, so a long gap does not inflate the fit).
   */
  heartbeat(i: number, nowUs: number): void {
    if (this.phi(i, nowUs) < this.threshold) this.add(i, nowUs - this.lastUs[i]);
    this.lastUs[i] = nowUs;
  }

  phi(i: number, nowUs: number): number {
    return phiOf(nowUs - this.lastUs[i], this.fittedMeanUs(i), this.fittedStdUs(i));
  }

  /** The first whole µs at which phi reaches the threshold, if no heartbeat comes first. */
  suspectAtUs(i: number): number {
    const last = this.lastUs[i];
    const at = last + Math.ceil(elapsedForPhi(this.threshold, this.fittedMeanUs(i), this.fittedStdUs(i)));
    return this.phi(i, at) >= this.threshold ? at : at + 1;
  }

  /** window mean + acceptable pause */
  fittedMeanUs(i: number): number {
    return this.mean[i] + this.acceptablePauseUs;
  }

  /** max(window std (population), minStdDev) */
  fittedStdUs(i: number): number {
    const n = this.count[i];
    const std = n > 0 ? Math.sqrt(Math.max(0, this.m2[i] / n)) : 0;
    return std > this.minStdDevUs ? std : this.minStdDevUs;
  }

  samplesOf(i: number): number {
    return this.count[i];
  }

  private add(i: number, x: number): void {
    const base = i * this.capacity;
    const n = this.count[i];
    const mean = this.mean[i];
    if (n < this.capacity) {
      const next = mean + (x - mean) / (n + 1);
      this.m2[i] += (x - mean) * (x - next);
      this.mean[i] = next;
      this.samples[base + ((this.head[i] + n) % this.capacity)] = x;
      this.count[i] = n + 1;
      return;
    }
    // full: the oldest sample (at head) leaves as x enters, n stays
    const h = this.head[i];
    const old = this.samples[base + h];
    const next = mean + (x - old) / n;
    this.m2[i] += (x - old) * (x - next + old - mean);
    this.mean[i] = next;
    this.samples[base + h] = x;
    this.head[i] = (h + 1) % this.capacity;
    const jump = x - old;
    // rounding in the step is ~2^-52 (x - old)^2; beyond 2^-30 of m2, refit
    if (jump * jump > RECOMPUTE_RATIO * (this.m2[i] + 1)) this.refit(i);
  }

  /** mean and m2 of the ring from scratch (two passes: no cancellation) */
  private refit(i: number): void {
    const base = i * this.capacity;
    const n = this.count[i];
    let sum = 0;
    for (let k = 0; k < n; k++) sum += this.samples[base + k];
    const mean = sum / n;
    let m2 = 0;
    for (let k = 0; k < n; k++) {
      const d = this.samples[base + k] - mean;
      m2 += d * d;
    }
    this.mean[i] = mean;
    this.m2[i] = m2;
  }
}

const RECOMPUTE_RATIO = 2 ** 22;
