// Counter-based random numbers: the n-th draw of client i in a stream is a
// hash of (stream key, i, n). A client's whole stream costs one counter
// (4 bytes) instead of a generator object, so millions of clients stay cheap,
// and every client's draws are independent of every other client's events.
import type { StreamKey } from "./keys.js";
import type { UniformSource } from "./uniform-source.js";

const TWO_M32 = 1 / 4294967296;

/** murmur3-style mix of two words under a 64-bit key; a uint32 */
export function hash32(k0: number, k1: number, a: number, b: number): number {
  let h = k0;
  let k = Math.imul(a, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(b, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= k1;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A family of per-client streams sharing one key. */
export class ClientStreams implements UniformSource {
  private readonly k0: number;
  private readonly k1: number;
  /** next counter per client; null for streams used only through at() */
  private readonly counters: Uint32Array | null;

  constructor(key: StreamKey, clients: number, sequential: boolean) {
    this.k0 = key.k0;
    this.k1 = key.k1;
    this.counters = sequential ? new Uint32Array(clients) : null;
  }

  /** the n-th uniform in [0, 1) of client i (one-shot draws: connect time, crash) */
  at(client: number, n: number): number {
    return hash32(this.k0, this.k1, client, n) * TWO_M32;
  }

  /** the next uniform in [0, 1) of client i's sequence */
  next(client: number): number {
    const counters = this.counters!;
    const n = counters[client];
    counters[client] = n + 1;
    return hash32(this.k0, this.k1, client, n) * TWO_M32;
  }
}
