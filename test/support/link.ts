// A plain Link on its own streams and state bits, as the link's tests and the
// loss and delay contract suites draw from it.
import { LOST, Link } from "../../src/net/link.js";
import { ownStateBits, type StateBits } from "../../src/net/loss.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import type { DelayPlan, LinkPlan, LossPlan } from "../../src/scenario/plan.js";

export function makeLink(plan: LinkPlan, clients: number, bits: StateBits = ownStateBits(clients)): Link {
  const stream = new ClientStreams(streamKey(1, 0, "test-link"), clients, true);
  return new Link(plan, stream, bits);
}

/** `perClient` consecutive messages of each client: true where lost */
export function lossRuns(loss: LossPlan, clients: number, perClient: number): boolean[][] {
  const link = makeLink({ loss, delay: { dist: "constant", valueUs: 1 } }, clients);
  const out: boolean[][] = Array.from({ length: clients }, () => []);
  // clients interleaved, as in a simulation; each client's chain is its own
  for (let k = 0; k < perClient; k++) for (let i = 0; i < clients; i++) out[i].push(link.transmit(i) === LOST);
  return out;
}

/** n delays in µs, round-robin over `clients`, with no loss */
export function delays(delay: DelayPlan, n: number, clients: number): Float64Array {
  const link = makeLink({ delay, loss: { model: "none" } }, clients);
  return Float64Array.from({ length: n }, (_, k) => link.transmit(k % clients));
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return s / xs.length;
}

/** the sample standard deviation */
export function sd(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += (xs[k] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
