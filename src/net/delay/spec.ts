// What a delay law is to the rest of the simulator: everything about one
// law in one file (delay/<name>.ts), listed once in registry.ts. The scenario
// schema, the network checks, the plan and the link's sampler read the
// registry, so adding a law is one file and two lines in registry.ts
// (docs/architecture.md walks through it).
import type * as z from "zod";
import type { UniformSource } from "../../random/uniform-source.js";
import type { Path, Problem } from "../../scenario/messages.js";

/**
 * A message's delay in whole µs, truncated at 0, from client i's stream: an
 * object of the law's own class, whose method the link's call site can take
 * in (a closure per link, the form before, cost a call of its own for every
 * message: 10k-mobile's Socket.IO 4% slower).
 */
export interface DelaySampler {
  sample(rng: UniformSource, client: number): number;
}

/**
 * A delay law that takes at most one uniform, with known bounds: a caller
 * that only needs the bounds can step over the draw and compute the value
 * later from the same stream position, if it turns out to need it.
 */
export interface DeferrableDelay {
  readonly loUs: number;
  readonly hiUs: number;
  /** uniforms the law takes from the stream (0 or 1) */
  readonly draws: number;
  /** the delay for the uniform u, exactly as the sampler computes it */
  fromUniform(u: number): number;
}

export interface DelayLawSpec<P extends { readonly dist: string }, S extends z.ZodType> {
  readonly dist: P["dist"];
  /** its object in a link's `delay` field (a strict object with `dist`) */
  readonly schema: S;
  /** the parsed object -> its plan (durations already in µs) */
  resolve(input: z.output<S>): P;
  /** the first thing wrong with it that its schema cannot say, or undefined; `path` is the delay object's */
  check?(input: z.output<S>, path: Path): Problem | undefined;
  /** its sampler, made once per link: the per-message path does no dispatch on the law's name */
  sampler(plan: P): DelaySampler;
  /** its bounds and one-uniform form; null when it takes two uniforms or has no upper bound */
  deferrable(plan: P): DeferrableDelay | null;
  /**
   * The law's mean in µs, in closed form, before truncation at 0 and
   * rounding to whole µs (Infinity where it has none). Rounding moves a
   * mean by less than half a µs; truncation only where the law puts mass
   * below 0, which among these only the normal does: its delays average
   * meanUs when the mean lies several sd above 0 (at 4 sd the truncated
   * mean is higher by less than 1e-5 sd).
   */
  meanUs(plan: P): number;
  /** its median in µs, in closed form (truncation at 0 moves no median of a law whose median is >= 0) */
  medianUs(plan: P): number;
  /** a delay most messages exceed, roughly a low quantile: what the calendar queue's bucket width needs of it */
  shortDelayUs(plan: P): number;
  /**
   * Parameter sets as a scenario writes them, for the contract suite
   * (test/net/delay-contract.test.ts), which holds the law's delays to
   * meanUs, medianUs and shortDelayUs over each: each with a finite
   * variance, so the sample mean settles.
   */
  readonly examples: readonly z.input<S>[];
}
