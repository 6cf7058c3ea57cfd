// The TCP transport, one event at a time. A message becomes a segment of its
// connection's direction. Each transmission asks the path (outages, NAT) and
// the link at its own instant: delivered, the segment arrives after the
// link's delay and is handed on in order (src/net/in-order.ts); lost, a
// retransmission waits one RTO (rtoMin doubling up to rtoMax, src/net/tcp.ts).
// A retransmission happens only if the sender's end still has the
// connection: a crashed client, a client that gave the connection up, a
// server that released or forgot it, let its segments go. After `retries`
// retransmissions all lost, the sender's end breaks the connection: a client
// reconnects as after its clientTimeout; the server drops the connection
// without a CLOSE (nothing could reach the client), a release counted as
// unreachable.
//
// A transmission nobody can acknowledge is lost too: one reaching a crashed
// client, or the server while it is down in a restart. CLOSE and RESET go
// once, outside the stream, as a TCP reset does: the server has already let
// the connection go, so nothing would retransmit them.
//
// Every transmission counts as a message sent (client_tx or the server's
// messages out) and a client's transmissions are radio activity; receptions
// are counted by the receiving end when a segment is handed on, and are radio
// activity when they arrive (a held one too).
import type { Link } from "../net/link.js";
import { InOrder } from "../net/in-order.js";
import { SegmentPool } from "../net/segments.js";
import { rtoUs, type TcpPlan } from "../net/tcp.js";
import { EV } from "./kinds.js";
import { MSG, isViaNewMapping, message, viaNewMapping } from "./messages.js";
import type { Transport } from "./network.js";
import type { ModelContext } from "./ports.js";
import { TcpWire } from "./tcp-wire.js";

/** What a test may watch on the transport; every hook is optional work on the TCP path only. */
export interface TcpObserver {
  /** transmission k (0: the first) of a segment goes out */
  transmitted?(i: number, up: boolean, conn: number, seq: number, word: number, k: number, nowUs: number): void;
  /** a transmission of the segment got through: it reaches the receiving end now (maybe ahead of its turn) */
  arrived?(i: number, up: boolean, conn: number, seq: number, nowUs: number): void;
  /** the segment is handed to the receiving end, in order, after `sends` transmissions */
  delivered?(i: number, up: boolean, conn: number, seq: number, word: number, sends: number, firstUs: number, nowUs: number): void;
  /** the sender's end gave connection conn up after its retries */
  broken?(i: number, up: boolean, conn: number, nowUs: number): void;
}

export class TcpTransport implements Transport {
  readonly pool = new SegmentPool();
  private readonly upOrder: InOrder;
  private readonly downOrder: InOrder;
  private readonly wire: TcpWire;
  observer: TcpObserver | null = null;

  constructor(
    private readonly w: ModelContext,
    private readonly plan: TcpPlan,
    uplink: Link,
    downlink: Link,
  ) {
    this.upOrder = new InOrder(this.pool, w.count);
    this.downOrder = new InOrder(this.pool, w.count);
    this.wire = new TcpWire(w, uplink, downlink);
    w.sim.on(EV.TCP_RTO, (i, slot, now) => this.timeout(i, slot, now));
    w.sim.on(EV.TCP_ARRIVAL, (i, slot, now) => this.arrival(i, slot, now));
  }

  /**
   * Client i sends `type` on connection conn (already counted as sent).
   * Returns when it is handed to the server as a message of conn if that is
   * sure now (its first transmission gets through, not through an expired
   * NAT mapping, and nothing before it is still on its way), else -1: a
   * deadline waiting on it is then armed (the timeout detector).
   */
  toServer(i: number, type: number, conn: number, nowUs: number): number {
    const seq = this.upOrder.number(i, conn);
    const slot = this.pool.alloc(message(conn, type), conn, seq, true, nowUs);
    const delayUs = this.transmitUp(i, slot, nowUs);
    const counts = delayUs >= 0 && !isViaNewMapping(this.pool.word[slot]) && this.upOrder.caughtUp(i, conn, seq);
    return counts ? nowUs + delayUs : -1;
  }

  /** CLOSE and RESET go once, as datagrams, outside the stream (Network sends them) */
  carries(type: number): boolean {
    return type !== MSG.CLOSE && type !== MSG.RESET;
  }

  /** The server sends `type` to client i on connection conn (already counted); returns as toServer does. */
  toClient(i: number, type: number, conn: number, nowUs: number): number {
    const seq = this.downOrder.number(i, conn);
    const slot = this.pool.alloc(message(conn, type), conn, seq, false, nowUs);
    const delayUs = this.transmitDown(i, slot, nowUs);
    return delayUs >= 0 && this.downOrder.caughtUp(i, conn, seq) ? nowUs + delayUs : -1;
  }

  /** one transmission of an uplink segment: its delay if it gets through, else LOST (a retransmission waits) */
  private transmitUp(i: number, slot: number, now: number): number {
    const pool = this.pool;
    pool.sends[slot]++;
    if (this.observer !== null) this.watchTransmission(i, slot, now);
    const delayUs = this.wire.up(i, pool.conn[slot], now);
    // through an expired mapping the server sees a stranger: it stays so for every later transmission
    if (this.wire.viaNewMapping) pool.word[slot] = viaNewMapping(pool.word[slot]);
    this.schedule(i, slot, delayUs, now);
    return delayUs;
  }

  private transmitDown(i: number, slot: number, now: number): number {
    const pool = this.pool;
    pool.sends[slot]++;
    if (this.observer !== null) this.watchTransmission(i, slot, now);
    const delayUs = this.wire.down(i, pool.conn[slot], now);
    this.schedule(i, slot, delayUs, now);
    return delayUs;
  }

  private watchTransmission(i: number, slot: number, now: number): void {
    const p = this.pool;
    this.observer?.transmitted?.(i, p.up[slot] === 1, p.conn[slot], p.seq[slot], p.word[slot], p.sends[slot] - 1, now);
  }

  private schedule(i: number, slot: number, delayUs: number, now: number): void {
    if (delayUs >= 0) this.w.sim.schedule(now + delayUs, EV.TCP_ARRIVAL, i, slot);
    else this.w.sim.schedule(now + rtoUs(this.plan, this.pool.sends[slot] - 1), EV.TCP_RTO, i, slot);
  }

  private timeout(i: number, slot: number, now: number): void {
    const pool = this.pool;
    const up = pool.up[slot] === 1;
    const conn = pool.conn[slot];
    if (!this.wire.senderHas(i, up, conn, now)) {
      pool.free(slot);
      return;
    }
    if (pool.sends[slot] > this.plan.retries) {
      pool.free(slot);
      this.observer?.broken?.(i, up, conn, now);
      if (up) this.w.clientSide.transportBroke(i, now);
      else this.w.serverSide.transportBroke(i, now);
      return;
    }
    const w = this.w;
    if (up) {
      w.rec.clientTx++;
      if (w.net.radios !== null) w.net.radios.activity(i, now);
      this.transmitUp(i, slot, now);
    } else {
      w.rec.messageOut(now);
      this.transmitDown(i, slot, now);
    }
  }

  private arrival(i: number, slot: number, now: number): void {
    const up = this.pool.up[slot] === 1;
    const order = up ? this.upOrder : this.downOrder;
    this.observer?.arrived?.(i, up, this.pool.conn[slot], this.pool.seq[slot], now);
    if (!order.arrive(i, slot)) {
      // held behind a segment still on its way; the client's radio received it all the same
      const radios = this.w.net.radios;
      if (!up && radios !== null && this.w.state.alive(i, now)) radios.activity(i, now);
      return;
    }
    this.deliver(i, slot, up, now);
    for (let s = order.nextHeld(i); s >= 0; s = order.nextHeld(i)) this.deliver(i, s, up, now);
  }

  private deliver(i: number, slot: number, up: boolean, now: number): void {
    const pool = this.pool;
    const word = pool.word[slot];
    const obs = this.observer;
    if (obs?.delivered) obs.delivered(i, up, pool.conn[slot], pool.seq[slot], word, pool.sends[slot], pool.firstUs[slot], now);
    pool.free(slot);
    if (up) this.w.serverSide.receive(i, word, now);
    else this.w.clientSide.receive(i, word, now);
  }
}
