// Per-client state packed into one 64-byte record per client: both ends of
// the connection and the client's two link streams. An event about client i
// then touches one cache line instead of one per column, which is what
// decides the speed at a million clients. Accessors are tiny and inlined.
//
// Record layout (Float64Array, stride 8):
//   0 crash instant (µs; Infinity if never)   4 connection id the server accepted
//   1 client last heard the server (µs)       5 flags (below)
//   2 server last heard the client (µs)       6 uplink stream counter
//   3 client's current connection id           7 downlink stream counter
// Flags: bits 0-1 client state, bit 2 tracked by the server, bits 3-4 the
// links' Gilbert-Elliott states, bits 5-20 reconnect waits, bits 21-23
// where the client's watch stands and bits 24-26 where the server's
// deadline stands (DEADLINE below: armed, deferred, awaits).

import type { StateBits } from "../net/loss.js";
import type { StreamKey } from "../random/keys.js";
import { RecordStream } from "../random/uniform-source.js";

export type LinkDirection = "uplink" | "downlink";

/** see ClientTable.linkView */
export interface LinkView {
  readonly words: Float64Array;
  readonly stride: number;
  /** offsets within a client's record: the crash instant, the two stream positions, the flags */
  readonly crash: number;
  readonly up: number;
  readonly down: number;
  readonly flags: number;
  /** the flags' bits holding the two Gilbert-Elliott states */
  readonly linkBits: number;
}

export const CLIENT = {
  IDLE: 0, // not yet started its first connect
  CONNECTING: 1, // CONNECT sent, waiting for CONNECT_ACK
  CONNECTED: 2,
  WAITING: 3, // waiting out the reconnect delay
} as const;

const STRIDE = 8;
const CRASH = 0;
// each side's pair in SIDE order (heardBy, connOf)
const CLIENT_HEARD = 1;
const SERVER_HEARD = 2;
const CLIENT_CONN = 3;
const SERVER_CONN = 4;
const FLAGS = 5;
const UPLINK_COUNTER = 6;
const DOWNLINK_COUNTER = 7;

const STATE_BITS = 3;
const TRACKED_BIT = 4;
const UPLINK_BAD_BIT = 8;
const DOWNLINK_BAD_BIT = 16;
const LINK_BITS = UPLINK_BAD_BIT | DOWNLINK_BAD_BIT;
const WAITS_SHIFT = 5;
const MAX_WAITS = 0xffff;
const WAITS_MASK = MAX_WAITS << WAITS_SHIFT;
/** whose deadline: the client's watch on the server, or the server's on the client */
export const SIDE = { CLIENT: 0, SERVER: 1 } as const;
export type Side = (typeof SIDE)[keyof typeof SIDE];

/**
 * Where a side's deadline stands (src/model/deadline-keeper.ts): an event
 * is pending (armed), it is left to the other side's next timer (deferred),
 * or to the other end's answer to a message on its way (awaits).
 */
export const DEADLINE = { ARMED: 1, DEFERRED: 2, AWAITS: 4 } as const;
const DEADLINE_SHIFT = [21, 24] as const; // by side
const ALL_DEADLINE = 7;
const WATCH_ARMED_BIT = DEADLINE.ARMED << DEADLINE_SHIFT[SIDE.CLIENT];
const WATCH_DEFERRED_BIT = DEADLINE.DEFERRED << DEADLINE_SHIFT[SIDE.CLIENT];
const WATCH_AWAITS_BIT = DEADLINE.AWAITS << DEADLINE_SHIFT[SIDE.CLIENT];
const DEADLINE_ARMED_BIT = DEADLINE.ARMED << DEADLINE_SHIFT[SIDE.SERVER];
const DEADLINE_DEFERRED_BIT = DEADLINE.DEFERRED << DEADLINE_SHIFT[SIDE.SERVER];
const DEADLINE_AWAITS_BIT = DEADLINE.AWAITS << DEADLINE_SHIFT[SIDE.SERVER];

export class ClientTable {
  /** the packed records; only this module knows their layout */
  private readonly words: Float64Array;

  constructor(readonly count: number) {
    this.words = new Float64Array(count * STRIDE);
    for (let i = 0; i < count; i++) this.words[i * STRIDE + CRASH] = Infinity;
  }

  crashAt(i: number): number {
    return this.words[i * STRIDE + CRASH];
  }
  setCrashAt(i: number, tUs: number): void {
    this.words[i * STRIDE + CRASH] = tUs;
  }
  alive(i: number, nowUs: number): boolean {
    return nowUs < this.words[i * STRIDE + CRASH];
  }

  clientHeard(i: number): number {
    return this.words[i * STRIDE + CLIENT_HEARD];
  }
  setClientHeard(i: number, tUs: number): void {
    this.words[i * STRIDE + CLIENT_HEARD] = tUs;
  }
  serverHeard(i: number): number {
    return this.words[i * STRIDE + SERVER_HEARD];
  }
  setServerHeard(i: number, tUs: number): void {
    this.words[i * STRIDE + SERVER_HEARD] = tUs;
  }

  /**
   * when the side last heard the other end (clientHeard, serverHeard), and
   * the side's connection (clientConn, serverConn): for code that serves
   * either side, an offset by side rather than a branch, which would leave
   * V8 an untaken branch to throw the optimised code away on when the other
   * side's object first takes it
   */
  heardBy(i: number, side: Side): number {
    return this.words[i * STRIDE + CLIENT_HEARD + side];
  }
  connOf(i: number, side: Side): number {
    return this.words[i * STRIDE + CLIENT_CONN + side];
  }

  clientConn(i: number): number {
    return this.words[i * STRIDE + CLIENT_CONN];
  }
  setClientConn(i: number, conn: number): void {
    this.words[i * STRIDE + CLIENT_CONN] = conn;
  }
  serverConn(i: number): number {
    return this.words[i * STRIDE + SERVER_CONN];
  }
  setServerConn(i: number, conn: number): void {
    this.words[i * STRIDE + SERVER_CONN] = conn;
  }

  state(i: number): number {
    return this.words[i * STRIDE + FLAGS] & STATE_BITS;
  }
  setState(i: number, state: number): void {
    const at = i * STRIDE + FLAGS;
    this.words[at] = (this.words[at] & ~STATE_BITS) | state;
  }

  tracked(i: number): boolean {
    return this.flag(i, TRACKED_BIT);
  }
  /** does the server track client i on connection conn? */
  tracks(i: number, conn: number): boolean {
    const at = i * STRIDE;
    return (this.words[at + FLAGS] & TRACKED_BIT) !== 0 && this.words[at + SERVER_CONN] === conn;
  }
  setTracked(i: number, tracked: boolean): void {
    this.setFlag(i, TRACKED_BIT, tracked);
  }

  /** reconnect waits since the client was last connected, for the backoff */
  waits(i: number): number {
    return (this.words[i * STRIDE + FLAGS] & WAITS_MASK) >>> WAITS_SHIFT;
  }
  setWaits(i: number, waits: number): void {
    const at = i * STRIDE + FLAGS;
    const capped = waits < MAX_WAITS ? waits : MAX_WAITS;
    this.words[at] = (this.words[at] & ~WAITS_MASK) | (capped << WAITS_SHIFT);
  }

  // Where each side's deadline stands (see src/model/client.ts and
  // src/strategies/detectors/timeout/detector.ts): armed (an event is pending),
  // deferred to the other side's next timer, or awaiting the other end's
  // answer to a message on its way. One bit each in the flags.
  /** a CLIENT_WATCH event is pending for the client's current connection */
  watchArmed(i: number): boolean {
    return this.flag(i, WATCH_ARMED_BIT);
  }
  setWatchArmed(i: number, armed: boolean): void {
    this.setFlag(i, WATCH_ARMED_BIT, armed);
  }
  /** the client's watch is left to the server's next ping (see ClientSide) */
  watchDeferred(i: number): boolean {
    return this.flag(i, WATCH_DEFERRED_BIT);
  }
  setWatchDeferred(i: number, deferred: boolean): void {
    this.setFlag(i, WATCH_DEFERRED_BIT, deferred);
  }
  /** the client's watch is left to the server's answer to the heartbeat on its way (see ClientSide.nextVisit) */
  watchAwaits(i: number): boolean {
    return this.flag(i, WATCH_AWAITS_BIT);
  }
  setWatchAwaits(i: number, awaits: boolean): void {
    this.setFlag(i, WATCH_AWAITS_BIT, awaits);
  }
  /** the server's deadline is left to the client's answer to the ping on its way (see the timeout detector) */
  deadlineAwaits(i: number): boolean {
    return this.flag(i, DEADLINE_AWAITS_BIT);
  }
  setDeadlineAwaits(i: number, awaits: boolean): void {
    this.setFlag(i, DEADLINE_AWAITS_BIT, awaits);
  }
  /** a SERVER_DEADLINE event is pending for the connection the server tracks */
  deadlineArmed(i: number): boolean {
    return this.flag(i, DEADLINE_ARMED_BIT);
  }
  setDeadlineArmed(i: number, armed: boolean): void {
    this.setFlag(i, DEADLINE_ARMED_BIT, armed);
  }
  /** the server's deadline is left to the client's next heartbeat (see the timeout detector) */
  deadlineDeferred(i: number): boolean {
    return this.flag(i, DEADLINE_DEFERRED_BIT);
  }
  setDeadlineDeferred(i: number, deferred: boolean): void {
    this.setFlag(i, DEADLINE_DEFERRED_BIT, deferred);
  }

  /** client i's watch is neither armed nor left to the server (a new connection) */
  forgetWatch(i: number): void {
    this.setFlag(i, WATCH_ARMED_BIT | WATCH_DEFERRED_BIT | WATCH_AWAITS_BIT, false);
  }
  /** the server's deadline for client i is neither armed nor left to the client (a new connection) */
  forgetDeadline(i: number): void {
    this.setFlag(i, DEADLINE_ARMED_BIT | DEADLINE_DEFERRED_BIT | DEADLINE_AWAITS_BIT, false);
  }

  /** where side's deadline for client i stands: DEADLINE bits, 0 when it is neither armed nor left to anything */
  deadlineOf(i: number, side: Side): number {
    return (this.words[i * STRIDE + FLAGS] >> DEADLINE_SHIFT[side]) & ALL_DEADLINE;
  }
  /** sets or clears DEADLINE bits of side's deadline for client i */
  setDeadlineOf(i: number, side: Side, bits: number, on: boolean): void {
    this.setFlag(i, bits << DEADLINE_SHIFT[side], on);
  }

  private flag(i: number, bit: number): boolean {
    return (this.words[i * STRIDE + FLAGS] & bit) !== 0;
  }
  private setFlag(i: number, bit: number, on: boolean): void {
    const at = i * STRIDE + FLAGS;
    this.words[at] = on ? this.words[at] | bit : this.words[at] & ~bit;
  }

  /**
   * Client i's link stream for one direction, kept in its record (the
   * counter beside the rest of the client's state, in the cache line an
   * event already touches).
   */
  linkStream(dir: LinkDirection, key: StreamKey): RecordStream {
    return new RecordStream(key, this.words, STRIDE, dir === "uplink" ? UPLINK_COUNTER : DOWNLINK_COUNTER);
  }

  /** where a direction's Gilbert-Elliott chain keeps each client's state bit */
  linkStateBits(dir: LinkDirection): StateBits {
    return { words: this.words, stride: STRIDE, slot: FLAGS, bit: dir === "uplink" ? UPLINK_BAD_BIT : DOWNLINK_BAD_BIT };
  }

  /**
   * The link words of the packed records, for the one loop hot enough to
   * want them raw: quiet rounds run ahead (src/model/quiet-rounds.ts) read
   * both stream positions and both chains' bits of a client, and put them
   * back when a round turns out not quiet. The layout is still told here
   * only: the loop takes the offsets from this view, as values (a method
   * call per access cost 5% of a reference run).
   */
  linkView(): LinkView {
    return { words: this.words, stride: STRIDE, crash: CRASH, up: UPLINK_COUNTER, down: DOWNLINK_COUNTER, flags: FLAGS, linkBits: LINK_BITS };
  }
}

export const STATE_BYTES_PER_CLIENT = STRIDE * 8;
