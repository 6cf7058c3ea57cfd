// A calendar queue with the same order as the heap, built for memory
// locality: buckets of 2^shift µs in a ring spanning the usual scheduling
// horizon, a heap for the rare event beyond it. A push appends to its
// bucket's chain of fixed-size chunks (a sequential write into a chunk that
// is already in cache); when the clock reaches a bucket, its entries are
// radix-sorted into a "run" that is read sequentially. No per-event pointer
// chasing, so the cost of an event does not grow with the number pending.
//
// Order without stored sequence numbers: the kernel's order is (time,
// phase, insertion seq), and insertion order is known structurally. A
// bucket's overflow entries were pushed before any of its ring entries (a
// bucket enters the ring's reach once and stays), and chunks keep their
// entries in insertion order. So overflow entries (in heap order), then the
// chunks' entries, stably sorted by (time, phase), is exactly the heap's
// order. Pushes into the bucket being drained are newer than everything in
// its run; they wait in a small side heap and win only a strict comparison.
import { grown } from "./grown.js";
import { HeapQueue } from "./heap-queue.js";
import { PHASE_BITS, phaseOf } from "./order.js";
import { RunBuffer } from "./run-buffer.js";

const CHUNK = 32; // entries per chunk
const MIN_PER_BUCKET = 16;
const MAX_BUCKETS_LOG2 = 22;

export interface WheelShape {
  /** log2 of the bucket width in µs */
  readonly shift: number;
  /** log2 of the number of buckets in the ring */
  readonly bucketsLog2: number;
}

/**
 * A shape for about `eventsPerUs` events per µs, most scheduled at most
 * `spanUs` ahead and rarely less than `nearUs` ahead (0 if unknown).
 */
export function wheelShape(eventsPerUs: number, spanUs: number, nearUs = 0): WheelShape {
  let shift = 0;
  // A few hundred entries per bucket: long sequential runs, and the sort's
  // fixed cost per bucket spread thin. But a bucket no wider than half the
  // usual shortest wait, so that few pushes land in the bucket being drained
  // (they go through the side heap) — unless that leaves buckets so sparse
  // that walking empty ones costs more than the side heap does.
  const widest = nearUs >= 2 ? nearUs / 2 : Infinity;
  const sparse = (s: number) => eventsPerUs * 2 ** s < MIN_PER_BUCKET;
  while (shift < 24 && eventsPerUs * 2 ** (shift + 1) <= 256 && (2 ** (shift + 1) <= widest || sparse(shift))) shift++;
  // the ring must reach past the longest usual wait (deadlines), or those
  // events pile up in the overflow heap; a huge ring gets wider buckets instead
  // (a bucket's sort key, time within it and phase, must fit 30 bits)
  while (shift < 30 - PHASE_BITS && 2 ** (MAX_BUCKETS_LOG2 + shift) < spanUs * 1.25) shift++;
  let bucketsLog2 = 4;
  while (bucketsLog2 < MAX_BUCKETS_LOG2 && 2 ** (bucketsLog2 + shift) < spanUs * 1.25) bucketsLog2++;
  return { shift, bucketsLog2 };
}

export class WheelQueue {
  size = 0;
  popTime = 0;
  popPayload = 0;
  popData = 0;

  private readonly shift: number;
  private readonly width: number;
  private readonly buckets: number;
  private readonly mask: number;
  // per bucket: first and last chunk (-1: none) and the fill of the last
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly fill: Int32Array;
  /** entries in the ring's chunks */
  private inRing = 0;
  /** bucket of the run; every bucket up to it has been loaded */
  private cur = -1;

  // chunk pool, entry j of chunk c at c * CHUNK + j
  private cTime: Float64Array;
  private cPayload: Int32Array;
  private cData: Int32Array;
  private cPhase: Uint8Array;
  private cNext: Int32Array;
  private freeChunk = -1;

  private readonly overflow = new HeapQueue(64);
  /** pushes into the bucket being drained (or earlier, from outside a run) */
  private readonly side = new HeapQueue(64);
  private readonly run = new RunBuffer();

  constructor(shape: WheelShape, initialCapacity = 1024) {
    this.shift = shape.shift;
    this.width = 2 ** shape.shift;
    this.buckets = 2 ** shape.bucketsLog2;
    this.mask = this.buckets - 1;
    this.first = new Int32Array(this.buckets).fill(-1);
    this.last = new Int32Array(this.buckets).fill(-1);
    this.fill = new Int32Array(this.buckets);
    this.cTime = new Float64Array(0);
    this.cPayload = new Int32Array(0);
    this.cData = new Int32Array(0);
    this.cPhase = new Uint8Array(0);
    this.cNext = new Int32Array(0);
    this.growChunks(Math.max(8, Math.ceil((2 * initialCapacity) / CHUNK)));
  }

  peekTime(): number {
    const run = this.run;
    if (run.pos === run.len && this.side.size === 0) {
      if (this.size === 0) return Infinity;
      this.advance();
    }
    const s = this.side.peekTime();
    return run.pos < run.len && run.time[run.pos] <= s ? run.time[run.pos] : s;
  }

  push(t: number, o: number, p: number, d: number): void {
    this.size++;
    const b = Math.floor(t / this.width);
    if (b <= this.cur) return this.side.push(t, o, p, d);
    if (b - this.cur >= this.buckets) return this.overflow.push(t, o, p, d);
    const slot = b & this.mask;
    let c = this.last[slot];
    let j = this.fill[slot];
    if (c < 0 || j === CHUNK) {
      const fresh = this.takeChunk();
      if (c < 0) this.first[slot] = fresh;
      else this.cNext[c] = fresh;
      this.last[slot] = fresh;
      c = fresh;
      j = 0;
    }
    this.fill[slot] = j + 1;
    const at = c * CHUNK + j;
    this.cTime[at] = t;
    this.cPayload[at] = p;
    this.cData[at] = d;
    this.cPhase[at] = phaseOf(o);
    this.inRing++;
  }

  /** removes the earliest entry into popTime/popPayload/popData; the caller checks size > 0 */
  pop(): void {
    const run = this.run;
    const side = this.side;
    if (run.pos === run.len && side.size === 0) this.advance();
    this.size--;
    if (side.size > 0) {
      // a side entry is newer than every run entry: it goes first only if strictly earlier
      const r = run.pos;
      const st = side.peekTime();
      if (r === run.len || st < run.time[r] || (st === run.time[r] && phaseOf(side.peekOrder()) < run.phase[r])) {
        side.pop();
        this.popTime = side.popTime;
        this.popPayload = side.popPayload;
        this.popData = side.popData;
        return;
      }
    }
    const r = run.pos++;
    this.popTime = run.time[r];
    this.popPayload = run.payload[r];
    this.popData = run.data[r];
  }

  // Loads the next bucket that has entries. An empty ring jumps straight to
  // the overflow's earliest bucket instead of walking to it.
  private advance(): void {
    const run = this.run;
    run.clear();
    while (run.len === 0) {
      if (this.inRing === 0) this.cur = Math.max(this.cur + 1, Math.floor(this.overflow.peekTime() / this.width));
      else this.cur++;
      this.load(this.cur);
    }
  }

  private load(b: number): void {
    const run = this.run;
    const overflow = this.overflow;
    const end = (b + 1) * this.width;
    while (overflow.size > 0 && overflow.peekTime() < end) {
      overflow.pop();
      run.stage(overflow.popTime, phaseOf(overflow.popOrder), overflow.popPayload, overflow.popData);
    }
    const slot = b & this.mask;
    let c = this.first[slot];
    const lastChunk = this.last[slot];
    const lastFill = this.fill[slot];
    this.first[slot] = -1;
    this.last[slot] = -1;
    this.fill[slot] = 0;
    while (c >= 0) {
      const n = c === lastChunk ? lastFill : CHUNK;
      const base = c * CHUNK;
      for (let j = base; j < base + n; j++) run.stage(this.cTime[j], this.cPhase[j], this.cPayload[j], this.cData[j]);
      this.inRing -= n;
      const next = this.cNext[c];
      this.cNext[c] = this.freeChunk;
      this.freeChunk = c;
      c = next;
    }
    run.sortStaged(b * this.width, this.shift + PHASE_BITS);
  }

  private takeChunk(): number {
    if (this.freeChunk < 0) this.growChunks(this.cNext.length * 2);
    const c = this.freeChunk;
    this.freeChunk = this.cNext[c];
    this.cNext[c] = -1;
    return c;
  }

  private growChunks(chunks: number): void {
    const old = this.cNext.length;
    this.cTime = grown(this.cTime, chunks * CHUNK);
    this.cPayload = grown(this.cPayload, chunks * CHUNK);
    this.cData = grown(this.cData, chunks * CHUNK);
    this.cPhase = grown(this.cPhase, chunks * CHUNK);
    this.cNext = grown(this.cNext, chunks);
    for (let c = chunks - 1; c >= old; c--) {
      this.cNext[c] = this.freeChunk;
      this.freeChunk = c;
    }
  }
}
