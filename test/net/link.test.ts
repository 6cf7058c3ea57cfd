// The link against closed forms: loss rates and burst lengths from the
// Bernoulli and Gilbert-Elliott models, and the moments and quantiles of each
// delay distribution. Tolerances are standard errors computed from the model
// (4 of them unless a comment says why), never from a previous run's output.
import { describe, expect, it } from "vitest";
import { LOST, Link } from "../../src/net/link.js";
import { ownStateBits } from "../../src/net/loss.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import type { DelayPlan, LinkPlan, LossPlan } from "../../src/scenario/plan.js";

const CLIENTS = 64;
const N = 200_000;
const Z99 = 2.3263478740408408; // the standard normal's 0.99 quantile

function makeLink(plan: LinkPlan, clients: number): Link {
  const stream = new ClientStreams(streamKey(1, 0, "test-link"), clients, true);
  return new Link(plan, stream, ownStateBits(clients));
}

/** `perClient` consecutive messages of each client: true where lost */
function lossRuns(loss: LossPlan, clients: number, perClient: number): boolean[][] {
  const link = makeLink({ loss, delay: { dist: "constant", valueUs: 1 } }, clients);
  const out: boolean[][] = Array.from({ length: clients }, () => []);
  // clients interleaved, as in a simulation; each client's chain is its own
  for (let k = 0; k < perClient; k++) for (let i = 0; i < clients; i++) out[i].push(link.transmit(i) === LOST);
  return out;
}

/** N delays in µs, round-robin over clients, with no loss */
function delays(delay: DelayPlan, n = N): Float64Array {
  const link = makeLink({ delay, loss: { model: "none" } }, CLIENTS);
  return Float64Array.from({ length: n }, (_, k) => link.transmit(k % CLIENTS));
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return s / xs.length;
}
const sd = (xs: Float64Array) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
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
  it("Bernoulli loses a share p of messages", () => {
    const p = 0.02;
    // 1M messages: 4 standard errors are then 3% of p
    const lost = lossRuns({ model: "bernoulli", p }, CLIENTS, (5 * N) / CLIENTS).flat();
    expectShare(mean(lost.map(Number)), p, lost.length, "loss rate");
  });

  it("none loses nothing", () => {
    expect(lossRuns({ model: "none" }, 4, 1000).flat().some((x) => x)).toBe(false);
  });

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

// The contract every law is held to, one table each: a law added to the plan
// without a row here does not compile (the Records are exhaustive).
describe("every loss law: its long-run loss rate is its closed form", () => {
  const LAWS: { [M in LossPlan["model"]]: { plan: Extract<LossPlan, { model: M }>; rate: number; correlation: number } } = {
    none: { plan: { model: "none" }, rate: 0, correlation: 0 },
    bernoulli: { plan: { model: "bernoulli", p: 0.07 }, rate: 0.07, correlation: 0 },
    "gilbert-elliott": {
      plan: { model: "gilbert-elliott", pGoodToBad: 0.02, pBadToGood: 0.25, lossGood: 0.01, lossBad: 0.6 },
      // the chain's stationary share of Bad steps, pi_B = p_GB / (p_GB + p_BG)
      rate: (0.02 / 0.27) * 0.6 + (0.25 / 0.27) * 0.01,
      // lambda = 1 - p_GB - p_BG: successive steps' correlation, which widens the spread of a mean
      correlation: 1 - 0.27,
    },
  };
  it.each(Object.entries(LAWS))("%s", (_name, law) => {
    const perClient = 20_000;
    const runs = lossRuns(law.plan, CLIENTS, perClient);
    const n = CLIENTS * perClient;
    const lost = runs.reduce((s, r) => s + r.filter(Boolean).length, 0) / n;
    // the standard error of a share, widened by (1 + lambda) / (1 - lambda) for a Markov chain
    const se = Math.sqrt((law.rate * (1 - law.rate) * (1 + law.correlation)) / (1 - law.correlation) / n);
    expect(Math.abs(lost - law.rate)).toBeLessThanOrEqual(4 * se + 1e-12);
  });
});

describe("every delay law: half its delays at most its closed-form median", () => {
  const LAWS: { [D in DelayPlan["dist"]]: { plan: Extract<DelayPlan, { dist: D }>; medianUs: number } } = {
    constant: { plan: { dist: "constant", valueUs: 42_000 }, medianUs: 42_000 },
    uniform: { plan: { dist: "uniform", minUs: 20_000, maxUs: 90_000 }, medianUs: 55_000 },
    normal: { plan: { dist: "normal", meanUs: 80_000, sdUs: 15_000 }, medianUs: 80_000 },
    lognormal: { plan: { dist: "lognormal", mu: Math.log(0.08), sigma: 0.7 }, medianUs: 80_000 },
    exponential: { plan: { dist: "exponential", meanUs: 50_000 }, medianUs: 50_000 * Math.LN2 },
    pareto: { plan: { dist: "pareto", minUs: 30_000, alpha: 1.5 }, medianUs: 30_000 * Math.pow(2, 1 / 1.5) },
  };
  it.each(Object.entries(LAWS))("%s", (name, law) => {
    const xs = delays(law.plan);
    // distribution-free: the count at or below the true median is Binomial(N, 1/2); delays are whole µs,
    // so a median that is itself whole counts its own atom (constant: every value)
    const below = xs.filter((x) => x <= law.medianUs).length / xs.length;
    if (name === "constant") expect(below).toBe(1);
    else expect(Math.abs(below - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / xs.length) + 1 / 40_000);
  });
});
