// The ziggurat gives the standard normal: every bound here comes from the
// normal distribution (its CDF, moments and tail) and the sample size, not
// from what the sampler printed. Over a million draws of a counter-based
// stream: the Kolmogorov-Smirnov distance to the normal CDF, the first four
// moments, the share beyond the tail's start (where the tail algorithm
// takes over) and beyond 4 and 5, and symmetry; and the uniforms it takes
// (about one a value).
import { describe, expect, it } from "vitest";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import { standardNormal } from "../../src/random/ziggurat.js";

const N = 1_000_000;

/** the standard normal CDF, from erfc by its continued fraction / series (W. J. Cody's accuracy is not needed: 1e-12 is) */
function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
function erfc(x: number): number {
  // Numerical Recipes' erfc with relative error < 1.2e-7 is too coarse for the tail checks;
  // this is the complementary error function by its series (small |x|) and continued fraction (large)
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf by its Taylor series
    let sum = x;
    let term = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // continued fraction (Lentz) for large x
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = x + a * d;
    d = 1 / d;
    c = x + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

function draws(): { xs: Float64Array; uniforms: number } {
  const src = new ClientStreams(streamKey(7, 0, "ziggurat-test"), 1, true);
  let uniforms = 0;
  const counting = {
    next: (i: number) => (uniforms++, src.next(i)),
    nextBits: (i: number) => (uniforms++, src.nextBits(i)),
    at: (i: number, n: number) => src.at(i, n),
  };
  const xs = new Float64Array(N);
  for (let k = 0; k < N; k++) xs[k] = standardNormal(counting, 0);
  return { xs, uniforms };
}

describe("the ziggurat's normal", () => {
  const { xs, uniforms } = draws();

  it("is the normal CDF within the KS bound (alpha = 0.001: 1.95 / sqrt(n))", () => {
    const sorted = Float64Array.from(xs).sort();
    let d = 0;
    for (let k = 0; k < N; k++) {
      const F = phi(sorted[k]);
      d = Math.max(d, F - k / N, (k + 1) / N - F);
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(N));
  });

  it("has mean 0, variance 1, skewness 0 and kurtosis 3 within 4 standard errors", () => {
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of xs) {
      m1 += x;
      m2 += x * x;
      m3 += x * x * x;
      m4 += x * x * x * x;
    }
    m1 /= N;
    m2 /= N;
    m3 /= N;
    m4 /= N;
    // standard errors of the sample moments of N(0, 1): sqrt(Var(X^k) / n), Var(X^k) = E X^2k - (E X^k)^2
    expect(Math.abs(m1)).toBeLessThan(4 * Math.sqrt(1 / N));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    expect(Math.abs(m3)).toBeLessThan(4 * Math.sqrt(15 / N));
    expect(Math.abs(m4 - 3)).toBeLessThan(4 * Math.sqrt(96 / N));
  });

  it("puts the normal's share beyond the tail's start, 4 and 5, on both sides alike", () => {
    for (const t of [3.442619855899, 4, 5]) {
      const p = 2 * (1 - phi(t));
      let beyond = 0;
      let right = 0;
      for (const x of xs) {
        if (Math.abs(x) > t) {
          beyond++;
          if (x > 0) right++;
        }
      }
      // a binomial count within 4.5 standard deviations (and 3 absolute, where the count is tiny)
      const sd = Math.sqrt(N * p * (1 - p));
      expect(Math.abs(beyond - N * p)).toBeLessThan(4.5 * sd + 3);
      if (beyond > 100) expect(Math.abs(right - beyond / 2)).toBeLessThan(4.5 * Math.sqrt(beyond / 4));
    }
  });

  it("takes about one uniform a value: only rejections and wedges take more", () => {
    // The 128 layers of area V cover 128 V = 1.26881 against the half-normal's sqrt(pi / 2) = 1.25331:
    // 1.22% of points are rejected and drawn again (a uniform more, at least). A point in a wedge or
    // the tail takes one or two more to decide; those are a few percent of points (the layers'
    // cores, wholly under the curve, hold about 97%), so a value takes 1.01 to 1.06 uniforms.
    const rejected = 1 - Math.sqrt(Math.PI / 2) / (128 * 9.91256303526217e-3);
    expect(rejected).toBeCloseTo(0.0122, 4);
    expect(uniforms / N).toBeGreaterThan(1 + rejected);
    expect(uniforms / N).toBeLessThan(1.06);
  });
});
