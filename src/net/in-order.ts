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
import { ownColumns, type Columns } from "./columns.js";
import type { SegmentPool } from "./segments.js";

const NONE = -1;

// a client's fields
/** the connection the client's sender currently numbers; 0 before any */
const CONN = 0;
/** the sender's next sequence number */
const NEXT_SEQ = 1;
/** the receiver's next expected sequence number */
const EXPECTED = 2;
/** first held segment (lowest sequence number), NONE when nothing is held */
const HELD = 3;
export const IN_ORDER_FIELDS = 4;

export class InOrder {
  private readonly rec: Float64Array;
  private readonly stride: number;
  private readonly offset: number;

  constructor(
    private readonly pool: SegmentPool,
    clients: number,
    /** what becomes of a held segment a new connection drops: by default its slot is freed */
    private readonly dropped: (slot: number) => void = (s) => pool.free(s),
    /** where the clients' fields live (IN_ORDER_FIELDS each): by default in columns of their own */
    columns: Columns = ownColumns(clients, IN_ORDER_FIELDS),
  ) {
    this.rec = columns.rec;
    this.stride = columns.stride;
    this.offset = columns.offset;
    for (let i = 0; i < clients; i++) this.rec[this.at(i) + HELD] = NONE;
  }

  private at(i: number): number {
    return i * this.stride + this.offset;
  }

  /**
   * Client i's sender numbers a new segment of connection conn: its sequence
   * number. Connections only move forward, per sender.
   */
  number(i: number, conn: number): number {
    const rec = this.rec;
    const at = this.at(i);
    if (conn !== rec[at + CONN]) {
      if (conn < rec[at + CONN]) throw new Error(`client ${i}: segment on connection ${conn} after ${rec[at + CONN]}`);
      this.restart(i, conn);
    }
    return rec[at + NEXT_SEQ]++;
  }

  private restart(i: number, conn: number): void {
    const rec = this.rec;
    const at = this.at(i);
    for (let s = rec[at + HELD]; s !== NONE; ) {
      const next = this.pool.next[s];
      this.dropped(s);
      s = next;
    }
    rec[at + HELD] = NONE;
    rec[at + CONN] = conn;
    rec[at + NEXT_SEQ] = 0;
    rec[at + EXPECTED] = 0;
  }

  /** the sequence number client i's next segment of connection conn takes, without taking it; -1 if conn is not the sender's current one */
  peek(i: number, conn: number): number {
    const at = this.at(i);
    return conn === this.rec[at + CONN] ? this.rec[at + NEXT_SEQ] : -1;
  }

  /** the receiver holds no segment of client i's (nothing waits for a gap to fill) */
  holdsNone(i: number): boolean {
    return this.rec[this.at(i) + HELD] === NONE;
  }

  /** the expected segment of client i was handed on without passing through arrive (a round run at once) */
  delivered(i: number): void {
    this.rec[this.at(i) + EXPECTED]++;
  }

  /** every segment of connection conn before seq has been handed on: seq goes on the moment it arrives */
  caughtUp(i: number, conn: number, seq: number): boolean {
    const at = this.at(i);
    return conn === this.rec[at + CONN] && this.rec[at + EXPECTED] === seq;
  }

  /**
   * Segment s of client i reaches the receiver. True: deliver it now (then
   * take the held ones it frees with nextHeld); false: it is held.
   */
  arrive(i: number, s: number): boolean {
    const pool = this.pool;
    const at = this.at(i);
    if (pool.conn[s] !== this.rec[at + CONN]) return true; // an older connection's: no order left to keep
    const seq = pool.seq[s];
    if (seq === this.rec[at + EXPECTED]) {
      this.rec[at + EXPECTED]++;
      return true;
    }
    this.hold(i, s, seq);
    return false;
  }

  private hold(i: number, s: number, seq: number): void {
    const pool = this.pool;
    let prev = NONE;
    let at = this.rec[this.at(i) + HELD];
    while (at !== NONE && pool.seq[at] < seq) {
      prev = at;
      at = pool.next[at];
    }
    pool.next[s] = at;
    if (prev === NONE) this.rec[this.at(i) + HELD] = s;
    else pool.next[prev] = s;
  }

  /** the held segment of client i that is next in order, taken off the list; NONE if there is none */
  nextHeld(i: number): number {
    const rec = this.rec;
    const at = this.at(i);
    const s = rec[at + HELD];
    if (s === NONE || this.pool.seq[s] !== rec[at + EXPECTED]) return NONE;
    rec[at + HELD] = this.pool.next[s];
    rec[at + EXPECTED]++;
    return s;
  }
}
