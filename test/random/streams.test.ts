// Named streams: keys are pure functions of (seed, replication, purpose);
// per-client draws are pure functions of (key, client, counter); and the
// uniforms pass the basic checks a simulation relies on. Every statistical
// bound is derived from the uniform distribution, not from observed output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { hash32 } from "../../src/random/hash.js";
import { streamKey } from "../../src/random/keys.js";

const N = 200_000;
const VAR_U = 1 / 12;

describe("streamKey", () => {
  it("depends on (seed, replication, purpose) alone: keys made in between change nothing", () => {
    // a key drawn from a shared generator would depend on how many keys came before it
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string()), { minLength: 1, maxLength: 20 }), (seed, rep, purpose, others) => {
        const first = streamKey(seed, rep, purpose);
        for (const [s, r, p] of others) streamKey(s, r, p);
        expect(streamKey(seed, rep, purpose)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it("gives different keys for different seeds, replications or purposes", () => {
    const tuples: [number, number, string][] = [];
    for (const seed of [0, 1, 2, 1000]) {
      for (const rep of [0, 1, 2]) for (const p of ["connect", "crash", "loss-up", "loss-down", "delay-up"]) tuples.push([seed, rep, p]);
    }
    const keys = new Set(tuples.map(([s, r, p]) => JSON.stringify(streamKey(s, r, p))));
    expect(keys.size).toBe(tuples.length);
  });
});

describe("ClientStreams", () => {
  const key = streamKey(7, 0, "test");

  it("at(i, n) is pure: same answer every time, on any instance, whatever else was drawn", () => {
    const a = new ClientStreams(key, 4, true);
    const b = new ClientStreams(key, 4, false);
    const first = [0, 1, 2, 3].map((i) => a.at(i, 5));
    for (let k = 0; k < 10; k++) a.next(k % 4);
    expect([0, 1, 2, 3].map((i) => a.at(i, 5))).toEqual(first);
    expect([0, 1, 2, 3].map((i) => b.at(i, 5))).toEqual(first);
  });

  it("gives client 0 the same sequence however its draws interleave with client 1's", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), (pattern) => {
        const alone = new ClientStreams(key, 2, true);
        const mixed = new ClientStreams(key, 2, true);
        const seq0: number[] = [];
        for (const other of pattern) {
          if (other) mixed.next(1);
          else seq0.push(mixed.next(0));
        }
        expect(seq0).toEqual(seq0.map(() => alone.next(0)));
      }),
    );
  });

  // a key half that did not reach the hash would leave 2^32 distinct streams, not 2^64
  it("depends on both halves of the key: flipping any one key bit changes the draws", () => {
    const draws = (k: { k0: number; k1: number }) => [0, 1, 2].map((n) => new ClientStreams(k, 1, false).at(0, n));
    const base = draws(key);
    for (let b = 0; b < 32; b++) {
      expect(draws({ k0: key.k0 ^ (1 << b), k1: key.k1 }), `k0 bit ${b}`).not.toEqual(base);
      expect(draws({ k0: key.k0, k1: key.k1 ^ (1 << b) }), `k1 bit ${b}`).not.toEqual(base);
    }
  });

  it("draws values in [0, 1)", () => {
    const s = new ClientStreams(key, 1, true);
    for (let k = 0; k < 10_000; k++) {
      const u = s.next(0);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

// --- statistics ------------------------------------------------------------

function mean(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function variance(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

function lag1(xs: Float64Array): number {
  const m = mean(xs);
  let num = 0;
  for (let k = 1; k < xs.length; k++) num += (xs[k] - m) * (xs[k - 1] - m);
  return num / (variance(xs) * (xs.length - 1));
}

function chiSquare(xs: Float64Array, bins: number): number {
  const counts = new Float64Array(bins);
  for (const x of xs) counts[Math.floor(x * bins)]++;
  const e = xs.length / bins;
  let chi = 0;
  for (const c of counts) chi += (c - e) ** 2 / e;
  return chi;
}

// the 0.9999 quantile of chi-square with 99 degrees of freedom is about 157
const CHI2_99_P0001 = 157;

function checkUniform(xs: Float64Array): void {
  const n = xs.length;
  expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(4 * Math.sqrt(VAR_U / n));
  // for U(0,1): Var(s^2) = (mu4 - sigma^4) / n = (1/80 - 1/144) / n = 1 / (180 n)
  expect(Math.abs(variance(xs) - VAR_U)).toBeLessThan(4 * Math.sqrt(1 / (180 * n)));
  expect(chiSquare(xs, 100)).toBeLessThan(CHI2_99_P0001);
  expect(Math.abs(lag1(xs))).toBeLessThan(4 / Math.sqrt(n));
}

describe("uniforms from hash32", () => {
  for (const [seed, purpose] of [[1, "loss-up"], [42, "delay-down"]] as const) {
    const key = streamKey(seed, 0, purpose);

    it(`one client's sequence looks uniform and uncorrelated (seed ${seed}, ${purpose})`, () => {
      const s = new ClientStreams(key, 1, true);
      checkUniform(Float64Array.from({ length: N }, () => s.next(0)));
    });

    it(`consecutive clients at one counter look uniform and uncorrelated (seed ${seed}, ${purpose})`, () => {
      const s = new ClientStreams(key, N, false);
      checkUniform(Float64Array.from({ length: N }, (_, i) => s.at(i, 3)));
    });
  }

  it("sets every bit of the 32-bit hash half the time (low bits too)", () => {
    const { k0, k1 } = streamKey(1, 0, "bits");
    const ones = new Float64Array(32);
    for (let n = 0; n < N; n++) {
      const h = hash32(k0, k1, n & 1023, n >>> 10);
      for (let b = 0; b < 32; b++) ones[b] += (h >>> b) & 1;
    }
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b] / N - 0.5), `bit ${b}`).toBeLessThan(4 * Math.sqrt(0.25 / N));
  });
});
