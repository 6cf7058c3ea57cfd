// Events kept apart per subject: one short list for each subject, sorted by
// (time, order), in one pool of nodes. For models whose subjects (clients)
// never touch one another's state except through events marked shared
// (src/kernel/simulator.ts): then a subject's events can run ahead of the
// others', up to the next shared event, in the same order the one global
// queue would give them. The run loop sweeps the subjects in index order,
// each up to that barrier: a subject's state stays in cache across all its
// events of a slice instead of being fetched again for every event, and a
// push walks a list of a few entries instead of a queue of millions.
//
// Each subject's earliest time is kept beside its list head, so a sweep that
// finds nothing due reads two sequential arrays, not the nodes.
import { grown } from "./grown.js";

const NONE = -1;

export class Timelines {
  /** per subject: its earliest node, and that node's time (Infinity: none) */
  readonly head: Int32Array;
  readonly headTime: Float64Array;
  // per node
  private time: Float64Array;
  private order: Float64Array;
  private kind: Uint8Array;
  private data: Int32Array;
  private next: Int32Array;
  private free = NONE;
  private used = 0;
  /** events waiting */
  size = 0;

  // the entry removed by the last pop(); read right after the call
  popTime = 0;
  popOrder = 0;
  popKind = 0;
  popData = 0;

  constructor(subjects: number, initialCapacity = 1024) {
    this.head = new Int32Array(subjects).fill(NONE);
    this.headTime = new Float64Array(subjects).fill(Infinity);
    const cap = Math.max(16, initialCapacity);
    this.time = new Float64Array(cap);
    this.order = new Float64Array(cap);
    this.kind = new Uint8Array(cap);
    this.data = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  /** the order of subject s's earliest event; the caller checks it has one */
  headOrder(s: number): number {
    return this.order[this.head[s]];
  }

  /** adds an event to subject s's list; its node, a handle for remove() while it waits */
  push(s: number, t: number, o: number, kind: number, data: number): number {
    const node = this.alloc();
    const time = this.time;
    const order = this.order;
    const next = this.next;
    time[node] = t;
    order[node] = o;
    this.kind[node] = kind;
    this.data[node] = data;
    this.size++;
    let p = this.head[s];
    if (p === NONE || t < time[p] || (t === time[p] && o < order[p])) {
      next[node] = p;
      this.head[s] = node;
      this.headTime[s] = t;
      return node;
    }
    // orders are unique: the node goes after every entry before it
    for (let q = next[p]; q !== NONE && (time[q] < t || (time[q] === t && order[q] < o)); q = next[q]) p = q;
    next[node] = next[p];
    next[p] = node;
    return node;
  }

  /** takes a waiting event (its node from push) out of subject s's list */
  remove(s: number, node: number): void {
    const next = this.next;
    let p = this.head[s];
    if (p === node) {
      const rest = next[node];
      this.head[s] = rest;
      this.headTime[s] = rest === NONE ? Infinity : this.time[rest];
    } else {
      while (p !== NONE && next[p] !== node) p = next[p];
      if (p === NONE) throw new Error(`subject ${s} has no waiting event at node ${node}`);
      next[p] = next[node];
    }
    next[node] = this.free;
    this.free = node;
    this.size--;
  }

  /** removes subject s's earliest event into popTime/popOrder/popKind/popData; the caller checks it has one */
  pop(s: number): void {
    const node = this.head[s];
    this.popTime = this.time[node];
    this.popOrder = this.order[node];
    this.popKind = this.kind[node];
    this.popData = this.data[node];
    const rest = this.next[node];
    this.head[s] = rest;
    this.headTime[s] = rest === NONE ? Infinity : this.time[rest];
    this.next[node] = this.free;
    this.free = node;
    this.size--;
  }

  private alloc(): number {
    const f = this.free;
    if (f !== NONE) {
      this.free = this.next[f];
      return f;
    }
    if (this.used === this.time.length) {
      const cap = 2 * this.time.length;
      this.time = grown(this.time, cap);
      this.order = grown(this.order, cap);
      this.kind = grown(this.kind, cap);
      this.data = grown(this.data, cap);
      this.next = grown(this.next, cap);
    }
    return this.used++;
  }
}
