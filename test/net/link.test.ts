// The link against closed forms: loss rates and burst lengths from the
// Bernoulli and Gilbert-Elliott models, and the moments and quantiles of each
// delay distribution. Tolerances are standard errors computed from the model
// (4 of them unless a comment says why), never from a previous run's output.
// Every law's long-run loss rate, mean and median, from its own spec, are
// the contract suites' (loss-contract.test.ts, delay-contract.test.ts).
import { describe, expect, it } from "vitest";
import type { DelayPlan } from "../../src/scenario/plan.js";
import { delays as delaysOver, lossRuns, mean, sd } from "../support/link.js";

const CLIENTS = 64;
const N = 200_000;
const Z99 = 2.3263478740408408; // the standard normal's 0.99 quantile

/** N delays in µs, round-robin over clients, with no loss */
const delays = (delay: DelayPlan, n = N) => delaysOver(delay, n, CLIENTS);
const share = (xs: Float64Array, pred: (x: number) => boolean) => xs.filter(pred).length / xs.length;

/** |observed share - p| within 4 binomial standard errors */
function expectShare(observed: number, p: number, n: number, what: string) {
  expect(Math.abs(observed - p), what).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
}

/** lengths of the runs of `value` that start and end inside the sequence */
function completeRuns(seq: boolean[], value: boolean): number[] {
  const runs: number[] = [];
  let len = 0;
  let started = false; // a run touching the start is cut short: skip it
  for (const x of seq) {
    if (x === value) len++;
    else {
      if (len > 0 && started) runs.push(len);
      len = 0;
      started = true;
    }
  }
  return runs; // a run still open at the end is cut short too
}

describe("loss", () => {
  it("Gilbert-Elliott loses pi_B * lossBad + pi_G * lossGood in the long run", () => {
    const [p, q, lg, lb] = [0.01, 0.3, 0.002, 0.4];
    const clients = 400;
    const m = 2000;
    const lost = lossRuns({ model: "gilbert-elliott", pGoodToBad: p, pBadToGood: q, lossGood: lg, lossBad: lb }, clients, m).flat();
    const piB = p / (p + q);
    const stationary = piB * lb + (1 - piB) * lg;
    // Each chain starts Good and steps before every message, so P(Bad at
    // message k) = piB (1 - lambda^k) with lambda = 1 - p - q: the finite run
    // falls short of the stationary share by this much on average.
    const lambda = 1 - p - q;
    const startGood = ((lb - lg) * piB * lambda * (1 - lambda ** m)) / ((1 - lambda) * m);
    // Variance per message of a loss indicator driven by the chain: the
    // Bernoulli part plus twice the summed autocovariances (lb-lg)^2 piB piG lambda^j.
    const perMsgVar = stationary * (1 - stationary) + (2 * (lb - lg) ** 2 * piB * (1 - piB) * lambda) / (1 - lambda);
    expect(Math.abs(mean(lost.map(Number)) - (stationary - startGood))).toBeLessThan(4 * Math.sqrt(perMsgVar / lost.length));
  });

  it("Gilbert-Elliott starts Good and steps before each message: message k is Bad with probability pi_B (1 - lambda^k)", () => {
    const [p, q] = [0.2, 0.3];
    const clients = 20_000;
    const seqs = lossRuns({ model: "gilbert-elliott", pGoodToBad: p, pBadToGood: q, lossGood: 0, lossBad: 1 }, clients, 3);
    for (let k = 1; k <= 3; k++) {
      const expected = (p / (p + q)) * (1 - (1 - p - q) ** k); // 0.2, 0.3, 0.35
      expectShare(mean(seqs.map((s) => Number(s[k - 1]))), expected, clients, `message ${k}`);
    }
  });

  it("Gilbert-Elliott with lossGood 0, lossBad 1: bursts of mean 1/pBadToGood, gaps of mean 1/pGoodToBad", () => {
    const [p, q] = [0.05, 0.25];
    const seqs = lossRuns({ model: "gilbert-elliott", pGoodToBad: p, pBadToGood: q, lossGood: 0, lossBad: 1 }, 100, 5000);
    // a sojourn in a state lasts k messages with probability (1-r)^(k-1) r: geometric, mean 1/r, variance (1-r)/r^2
    for (const [value, r, what] of [[true, q, "burst"], [false, p, "gap"]] as const) {
      const runs = seqs.flatMap((s) => completeRuns(s, value));
      expect(Math.abs(mean(runs) - 1 / r), `mean ${what} length`).toBeLessThan(4 * Math.sqrt((1 - r) / r ** 2 / runs.length));
    }
  });
});

describe("delay (integer µs)", () => {
  it("constant is exact", () => {
    expect(new Set(delays({ dist: "constant", valueUs: 50_000 }, 1000))).toEqual(new Set([50_000]));
  });

  it("every distribution gives non-negative integers", () => {
    const plans: DelayPlan[] = [
      { dist: "uniform", minUs: 0, maxUs: 3 },
      { dist: "normal", meanUs: 0, sdUs: 1000 },
      { dist: "lognormal", mu: Math.log(0.05), sigma: 2 },
      { dist: "exponential", meanUs: 10 },
      { dist: "pareto", minUs: 1, alpha: 1.5 },
    ];
    for (const plan of plans) for (const x of delays(plan, 10_000)) expect(Number.isInteger(x) && x >= 0, plan.dist).toBe(true);
  });

  it("uniform stays in [min, max] with mean (min+max)/2", () => {
    const [min, max] = [40_000, 60_000];
    const xs = delays({ dist: "uniform", minUs: min, maxUs: max });
    expect(share(xs, (x) => x < min || x > max)).toBe(0);
    expect(Math.abs(mean(xs) - (min + max) / 2)).toBeLessThan(4 * ((max - min) / Math.sqrt(12 * N)) + 0.5); // + rounding
    expectShare(share(xs, (x) => x < min + (max - min) / 4), 0.25, N, "first quarter");
  });

  it("normal has its mean and standard deviation, and 68.27% within one sd", () => {
    const [mu, sigma] = [100_000, 10_000]; // mean 10 sd above 0: truncation never bites
    const xs = delays({ dist: "normal", meanUs: mu, sdUs: sigma });
    expect(Math.abs(mean(xs) - mu)).toBeLessThan(4 * (sigma / Math.sqrt(N)));
    expect(Math.abs(sd(xs) - sigma)).toBeLessThan(4 * (sigma / Math.sqrt(2 * N)));
    expectShare(share(xs, (x) => Math.abs(x - mu) <= sigma), 0.6827, N, "within one sd");
  });

  it("normal is truncated at 0: mean 0 gives 0 about half the time", () => {
    const xs = delays({ dist: "normal", meanUs: 0, sdUs: 10_000 });
    expectShare(share(xs, (x) => x === 0), 0.5, N, "share at 0");
  });

  it("lognormal has median e^mu s and p99 e^(mu + 2.326 sigma) s", () => {
    const [mu, sigma] = [Math.log(0.08), 0.6];
    const xs = delays({ dist: "lognormal", mu, sigma });
    // the sample quantile lies at t exactly when the share below t is the quantile's level
    expectShare(share(xs, (x) => x <= Math.exp(mu) * 1e6), 0.5, N, "share below the median");
    expectShare(share(xs, (x) => x <= Math.exp(mu + Z99 * sigma) * 1e6), 0.99, N, "share below p99");
  });

  it("exponential has its mean, and e^-1 of values above it", () => {
    const m = 200_000;
    const xs = delays({ dist: "exponential", meanUs: m });
    expect(Math.abs(mean(xs) - m)).toBeLessThan(4 * (m / Math.sqrt(N)) + 0.5);
    expectShare(share(xs, (x) => x > m), Math.exp(-1), N, "share above the mean");
  });

  it("pareto starts at min, has mean alpha min / (alpha - 1) and tail (min/x)^alpha", () => {
    const [min, alpha] = [10_000, 3];
    const xs = delays({ dist: "pareto", minUs: min, alpha });
    expect(share(xs, (x) => x < min)).toBe(0);
    const variance = (min ** 2 * alpha) / ((alpha - 1) ** 2 * (alpha - 2));
    // the third moment is infinite at alpha 3, so the mean's skew converges slowly: allow 8 standard errors
    expect(Math.abs(mean(xs) - (alpha * min) / (alpha - 1))).toBeLessThan(8 * Math.sqrt(variance / N));
    expectShare(share(xs, (x) => x > 2 * min), 2 ** -alpha, N, "share above 2 min");
  });
});
