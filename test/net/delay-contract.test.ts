// One suite over every delay law of the registry (src/net/delay/registry.ts),
// over each parameter set its spec lists (spec.examples), on a plain Link: a
// law added to the registry is held to all of it at once.
//   - its example is a delay object the scenario schema and the law's checks accept;
//   - its delays are whole µs >= 0, averaging spec.meanUs(plan), with spec.medianUs(plan)
//     as their median and most of them (90%) no shorter than spec.shortDelayUs(plan);
//   - a deferrable law's delays lie within its bounds, and its fromUniform gives the
//     sampler's delay from the uniforms the sampler takes.
import { describe, expect, it } from "vitest";
import { DELAY_LAWS, delayLawOf, delaySchema } from "../../src/net/delay/registry.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import type { UniformSource } from "../../src/random/uniform-source.js";
import type { DelayPlan } from "../../src/scenario/plan.js";
import { delays, mean, sd } from "../support/link.js";

const CLIENTS = 64;
const N = 200_000;
/** 4 standard errors of a share near 1/2 over N draws */
const HALF_TOLERANCE = 4 * Math.sqrt(0.25 / N);

const cases = DELAY_LAWS.flatMap((spec) =>
  // the spec as the registry hands it out, typed for any of its laws' plans
  spec.examples.map((example) => [`${spec.dist} ${JSON.stringify(example)}`, delayLawOf(spec), example] as const),
);

const share = (xs: Float64Array, pred: (x: number) => boolean) => xs.filter(pred).length / xs.length;

/** a stream that counts the uniforms taken from it */
class Counted implements UniformSource {
  taken = 0;
  constructor(private readonly inner: UniformSource) {}
  next(client: number): number {
    this.taken++;
    return this.inner.next(client);
  }
  nextBits(client: number): number {
    this.taken++;
    return this.inner.nextBits(client);
  }
  at(client: number, n: number): number {
    return this.inner.at(client, n);
  }
}

describe.each(cases)("delay law contract: %s", (_name, spec, example) => {
  const input = delaySchema.parse(example);
  const plan: DelayPlan = spec.resolve(input);
  // drawn once per law and example, shared by the tests below
  let drawn: Float64Array | undefined;
  const xs = () => (drawn ??= delays(plan, N, CLIENTS));

  it("is a delay object the schema and the law's own checks accept", () => {
    expect(delayLawOf(input)).toBe(spec);
    expect(spec.check?.(input, ["delay"])).toBeUndefined();
  });

  it("gives whole µs, never negative", () => {
    expect(xs().every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it("averages spec.meanUs(plan)", () => {
    const m = spec.meanUs(plan);
    const observed = mean(xs());
    // 4 standard errors of the mean (the examples' variances are finite), plus half a µs for the rounding
    const tolerance = (4 * sd(xs())) / Math.sqrt(N) + 0.5;
    const agrees = (mu: number) => Math.abs(observed - mu) <= tolerance;
    expect(agrees(m), `observed ${observed}, closed form ${m}, tolerance ${tolerance}`).toBe(true);
    // and the check has teeth: a closed form 2% (and a µs) off would fail it
    for (const wrong of [m * 1.02 + 1, m * 0.98 - 1]) expect(agrees(wrong), `a wrong mean ${wrong}`).toBe(false);
  });

  it("has spec.medianUs(plan) as its median", () => {
    // m is a median when P(X <= m) >= 1/2 and P(X >= m) >= 1/2 (constant laws included); a delay
    // is X rounded to whole µs, which keeps both for ceil(m) and floor(m) respectively
    const isMedian = (m: number) =>
      share(xs(), (x) => x <= Math.ceil(m)) >= 0.5 - HALF_TOLERANCE && share(xs(), (x) => x >= Math.floor(m)) >= 0.5 - HALF_TOLERANCE;
    const m = spec.medianUs(plan);
    expect(isMedian(m), `closed form ${m}`).toBe(true);
    for (const wrong of [m * 1.02 + 1, m * 0.98 - 1]) expect(isMedian(wrong), `a wrong median ${wrong}`).toBe(false);
  });

  it("gives delays no shorter than spec.shortDelayUs(plan) at least 90% of the time", () => {
    const short = spec.shortDelayUs(plan);
    expect(short).toBeGreaterThanOrEqual(0);
    expect(share(xs(), (x) => x >= short)).toBeGreaterThanOrEqual(0.9);
  });

  const law = spec.deferrable(plan);
  if (law === null) return;
  it("deferrable: every delay within [loUs, hiUs]; fromUniform gives the sampler's delay", () => {
    const { loUs, hiUs, draws, fromUniform } = law;
    expect(xs().every((x) => x >= loUs && x <= hiUs)).toBe(true);
    const stream = new ClientStreams(streamKey(1, 0, "test-deferrable"), CLIENTS, true);
    const counted = new Counted(stream);
    const sampler = spec.sampler(plan);
    const position = new Array<number>(CLIENTS).fill(0);
    for (let k = 0; k < 20_000; k++) {
      const i = k % CLIENTS;
      const before = counted.taken;
      const x = sampler.sample(counted, i);
      expect(counted.taken - before).toBe(draws);
      expect(x).toBe(draws === 0 ? fromUniform(0) : fromUniform(stream.at(i, position[i])));
      position[i] += draws;
    }
  });
});
