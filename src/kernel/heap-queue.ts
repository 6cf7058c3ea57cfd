// A 4-ary min-heap of events kept in parallel typed arrays (struct of arrays):
// no object per event, and four children of a node sit next to each other, so
// a sift touches few cache lines. Order is by (time, order): `order` is the
// kernel's insertion sequence (plus a phase offset), so the order is total and
// ties at one instant run in the order they were scheduled.
import { grown } from "./grown.js";

export class HeapQueue {
  private time: Float64Array;
  private order: Float64Array;
  private payload: Int32Array;
  private data: Int32Array;
  size = 0;

  // The entry removed by the last pop(); read right after the call.
  popTime = 0;
  popOrder = 0;
  popPayload = 0;
  popData = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.time = new Float64Array(cap);
    this.order = new Float64Array(cap);
    this.payload = new Int32Array(cap);
    this.data = new Int32Array(cap);
  }

  /** time of the earliest entry; Infinity when empty */
  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** order of the earliest entry; the caller checks size > 0 */
  peekOrder(): number {
    return this.order[0];
  }

  push(t: number, o: number, p: number, d: number): void {
    if (this.size === this.time.length) this.grow();
    const time = this.time;
    const order = this.order;
    const payload = this.payload;
    const data = this.data;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = time[parent];
      if (pt < t || (pt === t && order[parent] < o)) break;
      time[i] = pt;
      order[i] = order[parent];
      payload[i] = payload[parent];
      data[i] = data[parent];
      i = parent;
    }
    time[i] = t;
    order[i] = o;
    payload[i] = p;
    data[i] = d;
  }

  /** removes the earliest entry into popTime/popPayload/popData; the caller checks size > 0 */
  pop(): void {
    const time = this.time;
    const order = this.order;
    const payload = this.payload;
    const data = this.data;
    this.popTime = time[0];
    this.popOrder = order[0];
    this.popPayload = payload[0];
    this.popData = data[0];
    const n = --this.size;
    if (n === 0) return;
    // sift the last entry down from the root
    const lt = time[n];
    const lo = order[n];
    const lp = payload[n];
    const ld = data[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bt = time[first];
      let bo = order[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const ct = time[c];
        if (ct < bt || (ct === bt && order[c] < bo)) {
          best = c;
          bt = ct;
          bo = order[c];
        }
      }
      if (bt > lt || (bt === lt && bo > lo)) break;
      time[i] = bt;
      order[i] = bo;
      payload[i] = payload[best];
      data[i] = data[best];
      i = best;
    }
    time[i] = lt;
    order[i] = lo;
    payload[i] = lp;
    data[i] = ld;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    this.time = grown(this.time, cap);
    this.order = grown(this.order, cap);
    this.payload = grown(this.payload, cap);
    this.data = grown(this.data, cap);
  }
}
