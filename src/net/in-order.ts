// In-order delivery on one direction of every client's connection. The
// sender numbers the segments of its current connection from 0; the
// receiver hands them on in that order: a segment that arrives ahead of the
// next expected one is held (a late segment holds back the ones behind it)
// and released when the gap fills. A segment of an older connection than the
// one the sender now uses is delivered on its own: that connection's order
// is over. A new connection starts both ends afresh and drops what the old
// one held: its sender has let it go and will never fill the gap.
//
// Held segments form a short list per client, sorted by sequence number,
// linked through the pool's `next`; no unordered state is ever walked.
import type { SegmentPool } from "./segments.js";

const NONE = -1;

export class InOrder {
  /** the connection each client's sender currently numbers; 0 before any */
  private readonly conn: Int32Array;
  /** the sender's next sequence number */
  private readonly nextSeq: Int32Array;
  /** the receiver's next expected sequence number */
  private readonly expected: Int32Array;
  /** first held segment (lowest sequence number), NONE when nothing is held */
  private readonly held: Int32Array;

  constructor(
    private readonly pool: SegmentPool,
    clients: number,
    /** what becomes of a held segment a new connection drops: by default its slot is freed */
    private readonly dropped: (slot: number) => void = (s) => pool.free(s),
  ) {
    this.conn = new Int32Array(clients);
    this.nextSeq = new Int32Array(clients);
    this.expected = new Int32Array(clients);
    this.held = new Int32Array(clients).fill(NONE);
  }

  /**
   * Client i's sender numbers a new segment of connection conn: its sequence
   * number. Connections only move forward, per sender.
   */
  number(i: number, conn: number): number {
    if (conn !== this.conn[i]) {
      if (conn < this.conn[i]) throw new Error(`client ${i}: segment on connection ${conn} after ${this.conn[i]}`);
      this.restart(i, conn);
    }
    return this.nextSeq[i]++;
  }

  private restart(i: number, conn: number): void {
    for (let s = this.held[i]; s !== NONE; ) {
      const next = this.pool.next[s];
      this.dropped(s);
      s = next;
    }
    this.held[i] = NONE;
    this.conn[i] = conn;
    this.nextSeq[i] = 0;
    this.expected[i] = 0;
  }

  /** the sequence number client i's next segment of connection conn takes, without taking it; -1 if conn is not the sender's current one */
  peek(i: number, conn: number): number {
    return conn === this.conn[i] ? this.nextSeq[i] : -1;
  }

  /** the receiver holds no segment of client i's (nothing waits for a gap to fill) */
  holdsNone(i: number): boolean {
    return this.held[i] === NONE;
  }

  /** the expected segment of client i was handed on without passing through arrive (a round run at once) */
  delivered(i: number): void {
    this.expected[i]++;
  }

  /** every segment of connection conn before seq has been handed on: seq goes on the moment it arrives */
  caughtUp(i: number, conn: number, seq: number): boolean {
    return conn === this.conn[i] && this.expected[i] === seq;
  }

  /**
   * Segment s of client i reaches the receiver. True: deliver it now (then
   * take the held ones it frees with nextHeld); false: it is held.
   */
  arrive(i: number, s: number): boolean {
    const pool = this.pool;
    if (pool.conn[s] !== this.conn[i]) return true; // an older connection's: no order left to keep
    const seq = pool.seq[s];
    if (seq === this.expected[i]) {
      this.expected[i]++;
      return true;
    }
    this.hold(i, s, seq);
    return false;
  }

  private hold(i: number, s: number, seq: number): void {
    const pool = this.pool;
    let prev = NONE;
    let at = this.held[i];
    while (at !== NONE && pool.seq[at] < seq) {
      prev = at;
      at = pool.next[at];
    }
    pool.next[s] = at;
    if (prev === NONE) this.held[i] = s;
    else pool.next[prev] = s;
  }

  /** the held segment of client i that is next in order, taken off the list; NONE if there is none */
  nextHeld(i: number): number {
    const s = this.held[i];
    if (s === NONE || this.pool.seq[s] !== this.expected[i]) return NONE;
    this.held[i] = this.pool.next[s];
    this.expected[i]++;
    return s;
  }
}
