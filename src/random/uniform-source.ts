// Where distributions and loss models take their uniforms from: a client's
// stream, advanced one draw at a time. Streams live either in their own
// counter array (ClientStreams) or in a column of a packed per-client record
// (RecordStream), so the counter sits in the cache line the event already uses.
import { hash32 } from "./hash.js";
import type { StreamKey } from "./keys.js";

export interface UniformSource {
  /** the next uniform in [0, 1) of client i's stream */
  next(client: number): number;
  /** the next draw of client i's stream as its 32 bits: next() is this times 2^-32 (the ziggurat takes the bits apart) */
  nextBits(client: number): number;
  /** the n-th uniform of client i's stream, the counter untouched */
  at(client: number, n: number): number;
}

const TWO_M32 = 1 / 4294967296;

export class RecordStream implements UniformSource {
  private readonly k0: number;
  private readonly k1: number;

  constructor(
    key: StreamKey,
    private readonly rec: Float64Array,
    private readonly stride: number,
    private readonly slot: number,
  ) {
    this.k0 = key.k0;
    this.k1 = key.k1;
  }

  at(client: number, n: number): number {
    return hash32(this.k0, this.k1, client, n) * TWO_M32;
  }

  next(client: number): number {
    return this.nextBits(client) * TWO_M32;
  }

  nextBits(client: number): number {
    const at = client * this.stride + this.slot;
    const n = this.rec[at];
    this.rec[at] = n + 1;
    return hash32(this.k0, this.k1, client, n);
  }
}
