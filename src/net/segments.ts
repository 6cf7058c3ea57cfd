// The segments a TCP transport has in flight: sent and not yet handed to the
// receiving end (waiting for a retransmission, on the wire, or held back
// behind an earlier one). An event about a segment carries its slot number
// in its one data word, since a message, a sequence number and a
// retransmission count do not fit in 32 bits together. Slots are reused
// last-freed-first, so memory follows the segments in flight, not the
// segments ever sent, and reuse is deterministic.

import { grown } from "../kernel/grown.js";

const NONE = -1;

export class SegmentPool {
  /** the message carried; opaque here */
  word: Int32Array;
  /** the connection it belongs to (each connection is its own sequence space) */
  conn: Int32Array;
  /** position in its connection's direction, from 0 */
  seq: Int32Array;
  /** transmissions so far (1 after the first) */
  sends: Int32Array;
  /** instant of the first transmission, µs */
  firstUs: Float64Array;
  /** 1 for client -> server, 0 for server -> client */
  up: Uint8Array;
  /** the free list's and the held lists' link; NONE at the end */
  next: Int32Array;
  private freeHead = NONE;
  private used = 0;
  /** slots handed out and not yet freed */
  live = 0;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.word = new Int32Array(n);
    this.conn = new Int32Array(n);
    this.seq = new Int32Array(n);
    this.sends = new Int32Array(n);
    this.firstUs = new Float64Array(n);
    this.up = new Uint8Array(n);
    this.next = new Int32Array(n);
  }

  alloc(word: number, conn: number, seq: number, up: boolean, firstUs: number): number {
    let s = this.freeHead;
    if (s !== NONE) this.freeHead = this.next[s];
    else {
      if (this.used === this.word.length) this.grow();
      s = this.used++;
    }
    this.word[s] = word;
    this.conn[s] = conn;
    this.seq[s] = seq;
    this.sends[s] = 0;
    this.firstUs[s] = firstUs;
    this.up[s] = up ? 1 : 0;
    this.next[s] = NONE;
    this.live++;
    return s;
  }

  free(s: number): void {
    this.next[s] = this.freeHead;
    this.freeHead = s;
    this.live--;
  }

  private grow(): void {
    const n = this.word.length * 2;
    this.word = grown(this.word, n);
    this.conn = grown(this.conn, n);
    this.seq = grown(this.seq, n);
    this.sends = grown(this.sends, n);
    this.next = grown(this.next, n);
    this.firstUs = grown(this.firstUs, n);
    this.up = grown(this.up, n);
  }
}
