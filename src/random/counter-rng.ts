// Counter-based random numbers: the n-th draw of client i in a stream is a
// hash of (stream key, i, n). A client's whole stream costs one counter
// (4 bytes) instead of a generator object, so millions of clients stay cheap,
// and every client's draws are independent of every other client's events.
import { hash32 } from "./hash.js";
import type { StreamKey } from "./keys.js";
import type { UniformSource } from "./uniform-source.js";

const TWO_M32 = 1 / 4294967296;

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
    return this.nextBits(client) * TWO_M32;
  }

  /** the next draw of client i's sequence as its 32 bits (next() times 2^32) */
  nextBits(client: number): number {
    const counters = this.counters!;
    const n = counters[client];
    counters[client] = n + 1;
    return hash32(this.k0, this.k1, client, n);
  }
}
