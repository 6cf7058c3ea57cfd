// Typed arrays grow by copying into a larger one of the same kind: the one
// way the queues, the run buffer and the segment pool make room.
export type NumberArray = Float64Array | Int32Array | Uint8Array;

/** a copy of `a` with room for `length` entries (the new ones zero) */
export function grown<T extends NumberArray>(a: T, length: number): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  b.set(a);
  return b;
}
