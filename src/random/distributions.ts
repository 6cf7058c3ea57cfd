// Distributions as small pure functions of uniforms in [0, 1). Callers take
// the uniforms from their own stream, so a distribution never owns state.
// The normal, which takes a varying number of uniforms, is in ziggurat.ts.

/** Exponential with the given mean; 1 - u keeps log away from 0. */
export function exponential(u: number, mean: number): number {
  return -mean * Math.log(1 - u);
}

/** Pareto (type I) with scale `min` and shape `alpha`, by inversion. */
export function pareto(u: number, min: number, alpha: number): number {
  return min / Math.pow(1 - u, 1 / alpha);
}

/** Uniform on [a, b). */
export function uniformBetween(u: number, a: number, b: number): number {
  return a + (b - a) * u;
}
