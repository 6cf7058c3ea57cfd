// Delay models: pure functions from a client's stream to a delay in integer
// µs, truncated at 0. Each is compiled once per link into a closure, so the
// per-message path does no dispatch on the distribution's name.
import type { UniformSource } from "../random/uniform-source.js";
import { exponential, pareto, standardNormal, uniformBetween } from "../random/distributions.js";
import type { DelayPlan } from "../scenario/plan.js";

export type DelaySampler = (rng: UniformSource, client: number) => number;

const US_PER_S = 1e6;

function toUs(x: number): number {
  return x > 0 ? Math.round(x) : 0;
}

export function delaySampler(plan: DelayPlan): DelaySampler {
  switch (plan.dist) {
    case "constant": {
      const v = plan.valueUs;
      return () => v;
    }
    case "uniform": {
      const { minUs, maxUs } = plan;
      return (rng, i) => toUs(uniformBetween(rng.next(i), minUs, maxUs));
    }
    case "normal": {
      const { meanUs, sdUs } = plan;
      return (rng, i) => toUs(meanUs + sdUs * standardNormal(rng.next(i), rng.next(i)));
    }
    case "lognormal": {
      const { mu, sigma } = plan;
      return (rng, i) => toUs(US_PER_S * Math.exp(mu + sigma * standardNormal(rng.next(i), rng.next(i))));
    }
    case "exponential": {
      const { meanUs } = plan;
      return (rng, i) => toUs(exponential(rng.next(i), meanUs));
    }
    case "pareto": {
      const { minUs, alpha } = plan;
      return (rng, i) => toUs(pareto(rng.next(i), minUs, alpha));
    }
  }
}

/**
 * A delay law that takes at most one uniform, with known bounds: a caller
 * that only needs the bounds can step over the draw and compute the value
 * later from the same stream position, if it turns out to need it. Null for
 * laws that take two uniforms or have no upper bound.
 */
export interface DeferrableDelay {
  readonly loUs: number;
  readonly hiUs: number;
  /** uniforms the law takes from the stream (0 or 1) */
  readonly draws: number;
  /** the delay for the uniform u, exactly as the sampler computes it */
  fromUniform(u: number): number;
}

export function deferrableDelay(plan: DelayPlan): DeferrableDelay | null {
  switch (plan.dist) {
    case "constant": {
      const v = plan.valueUs;
      return { loUs: v, hiUs: v, draws: 0, fromUniform: () => v };
    }
    case "uniform": {
      const { minUs, maxUs } = plan;
      // toUs is monotone and u lies in [0, 1)
      return { loUs: toUs(minUs), hiUs: toUs(maxUs), draws: 1, fromUniform: (u) => toUs(uniformBetween(u, minUs, maxUs)) };
    }
    default:
      return null;
  }
}
