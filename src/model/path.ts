// What lies on a client's path besides its links: outages (the path drops
// everything both ways while down) and a NAT whose mapping for a connection
// expires after natIdleTimeout without traffic. An expired mapping breaks
// the connection silently: downlink messages vanish, and the next uplink
// message goes out through a fresh mapping, so the server sees it on no
// connection it knows and answers RESET. Both are judged when a message is
// sent: link delays are small next to outage and NAT time scales.
import type { Outages } from "../net/outages.js";

export const PASS = 0;
export const DROP = 1;
/** an uplink message that reaches the server through a new NAT mapping */
export const NEW_MAPPING = 2;

export class Path {
  /** connection of the client's current NAT mapping; 0 before any */
  private readonly natConn: Int32Array;
  private readonly natLastUs: Float64Array;
  private readonly natBroken: Uint8Array;

  constructor(
    private readonly outages: Outages | null,
    private readonly natIdleUs: number,
    clients: number,
  ) {
    const n = natIdleUs > 0 ? clients : 0;
    this.natConn = new Int32Array(n);
    this.natLastUs = new Float64Array(n);
    this.natBroken = new Uint8Array(n);
  }

  uplink(i: number, conn: number, nowUs: number): number {
    if (this.outages !== null && this.outages.isDown(i, nowUs)) return DROP;
    if (this.natIdleUs === 0) return PASS;
    if (conn > this.natConn[i]) {
      // a new connection opens a new mapping
      this.natConn[i] = conn;
      this.natLastUs[i] = nowUs;
      this.natBroken[i] = 0;
      return PASS;
    }
    if (conn < this.natConn[i] || this.expired(i, nowUs)) return NEW_MAPPING;
    this.natLastUs[i] = nowUs;
    return PASS;
  }

  /** `fresh`: the answer to a NEW_MAPPING message, which travels back through that mapping */
  downlink(i: number, conn: number, nowUs: number, fresh: boolean): number {
    if (this.outages !== null && this.outages.isDown(i, nowUs)) return DROP;
    if (this.natIdleUs === 0 || fresh) return PASS;
    if (conn !== this.natConn[i] || this.expired(i, nowUs)) return DROP;
    this.natLastUs[i] = nowUs;
    return PASS;
  }

  /**
   * For sends of connection conn from tUs on, each within natIdle of the one
   * before (a round run at once, src/model/tcp-linux.ts): until when the
   * path passes them all (the outage period's end; Infinity without
   * outages), or -1 if it does not pass one at tUs. Asks the outage process
   * about tUs only, as a send at tUs would.
   */
  passesFrom(i: number, conn: number, tUs: number): number {
    if (this.outages !== null && this.outages.isDown(i, tUs)) return -1;
    if (this.natIdleUs > 0 && (conn !== this.natConn[i] || this.natBroken[i] === 1 || tUs - this.natLastUs[i] >= this.natIdleUs)) return -1;
    return this.outages === null ? Infinity : this.outages.periodEndUs(i, tUs);
  }

  /** the longest gap sends may leave without the mapping expiring (Infinity without NAT) */
  get idleUs(): number {
    return this.natIdleUs > 0 ? this.natIdleUs : Infinity;
  }

  /** a send of the current mapping's connection passed at tUs (after passesFrom vouched for it) */
  passed(i: number, tUs: number): void {
    if (this.natIdleUs > 0) this.natLastUs[i] = tUs;
  }

  /** client i cannot be reached on connection conn right now: the path is down or its mapping is gone */
  cutOff(i: number, conn: number, nowUs: number): boolean {
    if (this.outages !== null && this.outages.isDown(i, nowUs)) return true;
    if (this.natIdleUs === 0) return false;
    return conn !== this.natConn[i] || this.expired(i, nowUs);
  }

  private expired(i: number, nowUs: number): boolean {
    // read once, as RtoEstimator.capped reads its limit
    const broken = this.natBroken;
    if (broken[i] === 1) return true;
    if (nowUs - this.natLastUs[i] < this.natIdleUs) return false;
    broken[i] = 1;
    return true;
  }
}
