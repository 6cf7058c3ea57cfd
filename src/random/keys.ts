// One seed fans out into named streams. The key of a stream is derived from
// (seed, replication, purpose) through seedrandom, never by drawing from a
// parent stream, so adding a stream moves no other number.
import seedrandom from "seedrandom";

export interface StreamKey {
  readonly k0: number;
  readonly k1: number;
}

export function streamKey(seed: number, replication: number, purpose: string): StreamKey {
  const prng = seedrandom(`heartbeat-sim/${seed}/${replication}/${purpose}`);
  return { k0: prng.int32() | 0, k1: prng.int32() | 0 };
}
