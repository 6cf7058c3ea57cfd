// Log-normal delay, ln(delay in seconds) ~ N(mu, sigma): one uniform per
// message, now and then a few more (the ziggurat, src/random/ziggurat.ts). A file gives it as median and p99 or as mu and sigma;
// the plan always holds mu and sigma.
import * as z from "zod";
import { formatDurationUs as fmt } from "../../scenario/duration.js";
import { duration, durationDoc, strict } from "../../scenario/fields.js";
import type { Path, Problem } from "../../scenario/messages.js";
import { standardNormal } from "../../random/ziggurat.js";
import type { UniformSource } from "../../random/uniform-source.js";
import type { DelayLawSpec, DelaySampler } from "./spec.js";
import { toUs } from "./whole-us.js";

/** ln(delay in seconds) ~ N(mu, sigma); median/p99 files are converted to mu/sigma at load. */
export interface LognormalDelayPlan {
  readonly dist: "lognormal";
  readonly mu: number;
  readonly sigma: number;
}

/** The standard normal quantile at 0.99: ln(p99) = mu + Z99 * sigma. */
export const Z99 = 2.3263478740408408;

const US_PER_S = 1e6;

class LognormalSampler implements DelaySampler {
  constructor(
    private readonly mu: number,
    private readonly sigma: number,
  ) {}
  sample(rng: UniformSource, i: number): number {
    return toUs(US_PER_S * Math.exp(this.mu + this.sigma * standardNormal(rng, i)));
  }
}

const schema = strict({
  dist: z
    .literal("lognormal")
    .describe("Log-normal delay: give either median and p99, or mu and sigma (not a mix)"),
  median: duration(true).optional().describe(durationDoc("Median delay, > 0 (with p99)")),
  p99: duration(true).optional().describe(durationDoc("99th percentile of the delay, above the median (with median)")),
  mu: z.number().optional().describe("Mean of ln(delay in seconds) (with sigma)"),
  sigma: z
    .number({ error: "expected a number >= 0" })
    .min(0)
    .optional()
    .describe("Standard deviation of ln(delay in seconds), >= 0 (with mu)"),
});

type Input = z.output<typeof schema>;

const LOGNORMAL_FORMS = "lognormal takes median and p99, or mu and sigma";

/** its two forms, median/p99 or mu/sigma, whole and not mixed */
function check(delay: Input, path: Path): Problem | undefined {
  const byPercentiles = delay.median !== undefined || delay.p99 !== undefined;
  const byLogParams = delay.mu !== undefined || delay.sigma !== undefined;
  if (byPercentiles && byLogParams) {
    const extra = delay.mu !== undefined ? "mu" : "sigma";
    return {
      kind: "expected",
      path: [...path, extra],
      expected: `nothing here alongside median/p99 (${LOGNORMAL_FORMS}, not a mix)`,
    };
  }
  if (byLogParams) {
    const missing = delay.mu === undefined ? "mu" : delay.sigma === undefined ? "sigma" : undefined;
    if (missing === undefined) return undefined;
    return { kind: "expected", path: [...path, missing], expected: `a number (${LOGNORMAL_FORMS})` };
  }
  if (delay.median === undefined || delay.p99 === undefined) {
    const missing = delay.median === undefined ? "median" : "p99";
    return { kind: "expected", path: [...path, missing], expected: `a duration > 0 (${LOGNORMAL_FORMS})` };
  }
  if (delay.p99 <= delay.median) {
    return {
      kind: "expected",
      path: [...path, "p99"],
      expected: `a p99 longer than the median (${fmt(delay.median)})`,
      found: fmt(delay.p99),
    };
  }
  return undefined;
}

function resolve(delay: Input): LognormalDelayPlan {
  if (delay.median === undefined || delay.p99 === undefined) {
    return { dist: "lognormal", mu: delay.mu ?? 0, sigma: delay.sigma ?? 0 };
  }
  const lnMedian = Math.log(delay.median / 1e6);
  return { dist: "lognormal", mu: lnMedian, sigma: (Math.log(delay.p99 / 1e6) - lnMedian) / Z99 };
}

export const lognormalDelay: DelayLawSpec<LognormalDelayPlan, typeof schema> = {
  dist: "lognormal",
  schema,
  resolve,
  check,
  sampler: (plan) => new LognormalSampler(plan.mu, plan.sigma),
  deferrable: () => null,
  meanUs: (plan) => US_PER_S * Math.exp(plan.mu + (plan.sigma * plan.sigma) / 2),
  medianUs: (plan) => US_PER_S * Math.exp(plan.mu),
  shortDelayUs: (plan) => US_PER_S * Math.exp(plan.mu - 2 * plan.sigma),
  examples: [
    // 10k-mobile's uplink
    { dist: "lognormal", median: "80ms", p99: "600ms" },
    { dist: "lognormal", median: "0.5ms", p99: "5ms" },
    { dist: "lognormal", mu: Math.log(0.08), sigma: 0.7 },
  ],
};
