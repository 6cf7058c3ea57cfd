// The standard normal by the ziggurat method (Marsaglia and Tsang, "The
// Ziggurat Method for Generating Random Variables", J. Stat. Softw. 5(8),
// 2000; 128 layers): the density's area under the curve cut into 127
// equal-area rectangles and a base strip with the tail. One 32-bit uniform
// picks a layer (7 bits), a sign (1 bit) and a point across the layer (24
// bits); in about 97% of draws the point lies in its layer's core, wholly
// under the curve, and is the value: a multiply and a compare. The rest (a
// wedge or the tail) take a uniform or two more and are exact too; 1.2% of
// points fall above the curve and are drawn again. Box-Muller, which this replaced, took two
// uniforms, a log, a square root and a cosine for every value: the same
// distribution, three times the cost on the paths that draw a delay per
// message. Unlike Marsaglia and Tsang's code the layer's bits are not
// reused in the point (Doornik, 2005, showed that correlation), which
// leaves 24 bits of resolution within a layer.

import type { UniformSource } from "./uniform-source.js";

const LAYERS = 128;
/** where the tail starts, and each layer's area (Marsaglia and Tsang's r and v for 128 layers) */
const R = 3.442619855899;
const V = 9.91256303526217e-3;
const SCALE = 2 ** 24;

/** per layer: the largest point wholly under the curve (scaled), the point's scale, and f at the layer's edge */
const K = new Float64Array(LAYERS);
const W = new Float64Array(LAYERS);
const F = new Float64Array(LAYERS);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  // the base strip: a rectangle of height f(R) and area V, so of width q; points below R are under the curve
  const q = V / f(R);
  K[0] = Math.floor((R / q) * SCALE);
  K[1] = 0;
  W[0] = q / SCALE;
  W[LAYERS - 1] = R / SCALE;
  F[0] = 1;
  F[LAYERS - 1] = f(R);
  let x = R;
  let prev = R;
  for (let l = LAYERS - 2; l >= 1; l--) {
    // the next layer up is as wide as the curve at its top edge
    x = Math.sqrt(-2 * Math.log(V / x + f(x)));
    K[l + 1] = Math.floor((x / prev) * SCALE);
    prev = x;
    F[l] = f(x);
    W[l] = x / SCALE;
  }
}

/**
 * The core's tables by the draw's low 8 bits, the layer and the sign bit
 * above it: K twice, W and then -W. The sign then costs a table entry
 * rather than a branch that goes either way at random (about 10 ns a value
 * saved in V8). The product is the same bit for bit: a point times -W is
 * minus the point times W (rounding to nearest is symmetric).
 */
const K_SIGNED = new Float64Array(2 * LAYERS);
const W_SIGNED = new Float64Array(2 * LAYERS);
for (let l = 0; l < LAYERS; l++) {
  K_SIGNED[l] = K_SIGNED[l + LAYERS] = K[l];
  W_SIGNED[l] = W[l];
  W_SIGNED[l + LAYERS] = -W[l];
}

/**
 * one standard normal value from client i's uniforms: the layer's core in
 * line (97% of draws), the rest in wedgeOrTail, kept out of line so that
 * this stays small enough to be inlined where a delay is drawn
 */
export function standardNormal(src: UniformSource, i: number): number {
  const bits = src.nextBits(i);
  const layerAndSign = bits & (2 * LAYERS - 1);
  const point = bits >>> 8; // the top 24 bits
  if (point < K_SIGNED[layerAndSign]) return point * W_SIGNED[layerAndSign];
  const layer = bits & (LAYERS - 1);
  return wedgeOrTail(src, i, layer, point * W[layer], (bits & LAYERS) === 0 ? 1 : -1);
}

/** a point outside its layer's core: kept under the curve with the curve's probability, else a new value drawn */
function wedgeOrTail(src: UniformSource, i: number, layer: number, x: number, sign: number): number {
  if (layer === 0) {
    // the tail beyond R (Marsaglia's method for it)
    for (;;) {
      const t = -Math.log(1 - src.next(i)) / R;
      const y = -Math.log(1 - src.next(i));
      if (y + y >= t * t) return sign * (R + t);
    }
  }
  // a wedge: under the curve with the probability the curve's height gives
  if (F[layer] + src.next(i) * (F[layer - 1] - F[layer]) < Math.exp(-0.5 * x * x)) return sign * x;
  // above the curve (1.2% of points): a new value, from the next draw on
  return standardNormal(src, i);
}
