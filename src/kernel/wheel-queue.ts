// A timing wheel (calendar queue) with the same order as the heap: buckets of
// 2^shift µs, a ring of them spanning the usual scheduling horizon, and a
// heap for the rare event beyond it. A push is O(1): link a pooled node into
// its bucket's list. When the clock reaches a bucket, its few entries (plus
// any overflow entries for it) are sorted by (time, order) into a "run" that
// is consumed in order. Heartbeat timers and deadlines are bounded and
// periodic, so almost every event lands inside the ring, and the cost of an
// event does not grow with the number of pending events, unlike a heap's.
import { HeapQueue } from "./heap-queue.js";

const SMALL_RUN = 32;

export interface WheelShape {
  /** log2 of the bucket width in µs */
  readonly shift: number;
  /** log2 of the number of buckets in the ring */
  readonly bucketsLog2: number;
}

/** A shape for about `eventsPerUs` events per µs, most scheduled at most `spanUs` ahead. */
export function wheelShape(eventsPerUs: number, spanUs: number): WheelShape {
  let shift = 0;
  // about two events per bucket keeps the runs short and the ring dense
  while (shift < 24 && eventsPerUs * 2 ** (shift + 1) <= 2) shift++;
  let bucketsLog2 = 8;
  while (bucketsLog2 < 22 && 2 ** (bucketsLog2 + shift) < spanUs * 1.25) bucketsLog2++;
  return { shift, bucketsLog2 };
}

export class WheelQueue {
  size = 0;
  popTime = 0;
  popPayload = 0;
  popData = 0;

  private readonly width: number;
  private readonly buckets: number;
  private readonly mask: number;
  private readonly head: Int32Array;
  private readonly overflow = new HeapQueue(64);
  /** entries linked into the ring (not the run, not the overflow) */
  private inRing = 0;
  /** bucket index of the run; buckets up to it have been drained */
  private cur = -1;

  // node pool: linked lists threaded through `next`, free list likewise
  private nTime: Float64Array;
  private nOrder: Float64Array;
  private nPayload: Int32Array;
  private nData: Int32Array;
  private nNext: Int32Array;
  private free = -1;

  // the current bucket, sorted, consumed from rpos
  private rTime = new Float64Array(64);
  private rOrder = new Float64Array(64);
  private rPayload = new Int32Array(64);
  private rData = new Int32Array(64);
  private rpos = 0;
  private rlen = 0;
  private index = new Uint32Array(0);

  constructor(shape: WheelShape, initialCapacity = 1024) {
    this.width = 2 ** shape.shift;
    this.buckets = 2 ** shape.bucketsLog2;
    this.mask = this.buckets - 1;
    this.head = new Int32Array(this.buckets).fill(-1);
    const cap = Math.max(16, initialCapacity);
    this.nTime = new Float64Array(0);
    this.nOrder = new Float64Array(0);
    this.nPayload = new Int32Array(0);
    this.nData = new Int32Array(0);
    this.nNext = new Int32Array(0);
    this.growPool(cap);
  }

  peekTime(): number {
    if (this.rpos < this.rlen) return this.rTime[this.rpos];
    if (this.size === 0) return Infinity;
    this.advance();
    return this.rTime[this.rpos];
  }

  push(t: number, o: number, p: number, d: number): void {
    this.size++;
    const b = Math.floor(t / this.width);
    if (b <= this.cur) return this.insertRun(t, o, p, d);
    if (b - this.cur >= this.buckets) return this.overflow.push(t, o, p, d);
    if (this.free < 0) this.growPool(this.nTime.length * 2);
    const k = this.free;
    this.free = this.nNext[k];
    this.nTime[k] = t;
    this.nOrder[k] = o;
    this.nPayload[k] = p;
    this.nData[k] = d;
    const slot = b & this.mask;
    this.nNext[k] = this.head[slot];
    this.head[slot] = k;
    this.inRing++;
  }

  /** removes the earliest entry into popTime/popPayload/popData; the caller checks size > 0 */
  pop(): void {
    if (this.rpos === this.rlen) this.advance();
    const r = this.rpos++;
    this.popTime = this.rTime[r];
    this.popPayload = this.rPayload[r];
    this.popData = this.rData[r];
    this.size--;
  }

  // Loads the next bucket that has entries into the run. An empty ring jumps
  // straight to the overflow's earliest bucket instead of walking to it.
  private advance(): void {
    this.rpos = 0;
    this.rlen = 0;
    while (this.rlen === 0) {
      if (this.inRing === 0) {
        this.cur = Math.max(this.cur + 1, Math.floor(this.overflow.peekTime() / this.width));
      } else {
        this.cur++;
      }
      this.load(this.cur);
    }
  }

  private load(b: number): void {
    const slot = b & this.mask;
    let k = this.head[slot];
    this.head[slot] = -1;
    while (k >= 0) {
      this.append(this.nTime[k], this.nOrder[k], this.nPayload[k], this.nData[k]);
      const next = this.nNext[k];
      this.nNext[k] = this.free;
      this.free = k;
      this.inRing--;
      k = next;
    }
    const overflow = this.overflow;
    const end = (b + 1) * this.width;
    while (overflow.size > 0 && overflow.peekTime() < end) {
      overflow.pop();
      this.append(overflow.popTime, overflow.popOrder, overflow.popPayload, overflow.popData);
    }
    if (this.rlen > 1) this.sortRun();
  }

  private append(t: number, o: number, p: number, d: number): void {
    if (this.rlen === this.rTime.length) this.growRun();
    const j = this.rlen++;
    this.rTime[j] = t;
    this.rOrder[j] = o;
    this.rPayload[j] = p;
    this.rData[j] = d;
  }

  // An event for the bucket being drained (or an earlier one, scheduled from
  // outside between runs) goes straight into the run at its place; it almost
  // always belongs at the end, so the scan starts there.
  private insertRun(t: number, o: number, p: number, d: number): void {
    if (this.rlen === this.rTime.length) this.growRun();
    const time = this.rTime;
    const order = this.rOrder;
    let j = this.rlen++;
    while (j > this.rpos && (time[j - 1] > t || (time[j - 1] === t && order[j - 1] > o))) {
      time[j] = time[j - 1];
      order[j] = order[j - 1];
      this.rPayload[j] = this.rPayload[j - 1];
      this.rData[j] = this.rData[j - 1];
      j--;
    }
    time[j] = t;
    order[j] = o;
    this.rPayload[j] = p;
    this.rData[j] = d;
  }

  private sortRun(): void {
    const n = this.rlen;
    const time = this.rTime;
    const order = this.rOrder;
    if (n <= SMALL_RUN) {
      for (let a = 1; a < n; a++) {
        const t = time[a];
        const o = order[a];
        if (time[a - 1] < t || (time[a - 1] === t && order[a - 1] < o)) continue;
        const p = this.rPayload[a];
        const d = this.rData[a];
        let j = a;
        while (j > 0 && (time[j - 1] > t || (time[j - 1] === t && order[j - 1] > o))) {
          time[j] = time[j - 1];
          order[j] = order[j - 1];
          this.rPayload[j] = this.rPayload[j - 1];
          this.rData[j] = this.rData[j - 1];
          j--;
        }
        time[j] = t;
        order[j] = o;
        this.rPayload[j] = p;
        this.rData[j] = d;
      }
      return;
    }
    this.sortLargeRun(n);
  }

  // A crowded bucket (a global tick's arrivals under a constant delay) is
  // sorted through an index permutation rather than by insertion.
  private sortLargeRun(n: number): void {
    if (this.index.length < n) this.index = new Uint32Array(this.rTime.length);
    const idx = this.index.subarray(0, n);
    for (let k = 0; k < n; k++) idx[k] = k;
    const time = this.rTime;
    const order = this.rOrder;
    idx.sort((a, b) => time[a] - time[b] || order[a] - order[b]);
    const t = time.slice(0, n);
    const o = order.slice(0, n);
    const p = this.rPayload.slice(0, n);
    const d = this.rData.slice(0, n);
    for (let k = 0; k < n; k++) {
      const s = idx[k];
      time[k] = t[s];
      order[k] = o[s];
      this.rPayload[k] = p[s];
      this.rData[k] = d[s];
    }
  }

  private growRun(): void {
    const n = this.rTime.length * 2;
    const t = new Float64Array(n);
    t.set(this.rTime);
    const o = new Float64Array(n);
    o.set(this.rOrder);
    const p = new Int32Array(n);
    p.set(this.rPayload);
    const d = new Int32Array(n);
    d.set(this.rData);
    this.rTime = t;
    this.rOrder = o;
    this.rPayload = p;
    this.rData = d;
  }

  private growPool(cap: number): void {
    const old = this.nTime.length;
    const t = new Float64Array(cap);
    t.set(this.nTime);
    const o = new Float64Array(cap);
    o.set(this.nOrder);
    const p = new Int32Array(cap);
    p.set(this.nPayload);
    const d = new Int32Array(cap);
    d.set(this.nData);
    const nx = new Int32Array(cap);
    nx.set(this.nNext);
    for (let k = cap - 1; k >= old; k--) {
      nx[k] = this.free;
      this.free = k;
    }
    this.nTime = t;
    this.nOrder = o;
    this.nPayload = p;
    this.nData = d;
    this.nNext = nx;
  }
}
