// What both TCP transports (src/model/tcp.ts, src/model/tcp-linux.ts) ask of
// the world for one packet: does it get through (the path's outage and NAT,
// then the link's loss and delay), can its receiving end take it (a crashed
// client, a server down in a restart take nothing), and does its sending end
// still have the connection.
import type { Link } from "../net/link.js";
import { DROP, NEW_MAPPING, PASS } from "./path.js";
import { CLIENT } from "./state.js";
import type { ModelContext } from "./ports.js";

export const LOST = -1;

export class TcpWire {
  /** server restarts as [from, until) windows, in µs */
  private readonly downFromUs: Float64Array;
  private readonly downUntilUs: Float64Array;
  /** the last uplink packet went through an expired NAT mapping: the server sees a stranger */
  viaNewMapping = false;

  constructor(
    private readonly w: ModelContext,
    private readonly uplink: Link,
    private readonly downlink: Link,
  ) {
    const restarts = w.plan.server.restarts;
    this.downFromUs = Float64Array.from(restarts, (r) => r.atUs);
    this.downUntilUs = Float64Array.from(restarts, (r) => r.atUs + r.downForUs);
  }

  /**
   * A packet of client i's connection conn leaves for the server at now: its
   * delay if it gets there while the server is up, else LOST. Sets
   * viaNewMapping; `onlyMapped`: only through the mapping the connection
   * has (a stranger's packet counts as lost: an ACK the server could not
   * match).
   */
  up(i: number, conn: number, now: number, onlyMapped = false): number {
    const path = this.w.net.path;
    const fate = path === null ? PASS : path.uplink(i, conn, now);
    this.viaNewMapping = fate === NEW_MAPPING;
    if (fate === DROP || (onlyMapped && fate !== PASS)) return LOST;
    const delayUs = this.uplink.transmit(i);
    return delayUs >= 0 && this.serverDownAt(now + delayUs) ? LOST : delayUs;
  }

  /** a packet of connection conn leaves the server for client i at now: its delay if it gets there while the client lives, else LOST */
  down(i: number, conn: number, now: number): number {
    const path = this.w.net.path;
    if (path !== null && path.downlink(i, conn, now, false) === DROP) return LOST;
    const delayUs = this.downlink.transmit(i);
    return delayUs >= 0 && now + delayUs >= this.w.state.crashAt(i) ? LOST : delayUs;
  }

  serverDownAt(tUs: number): boolean {
    for (let k = 0; k < this.downFromUs.length; k++) {
      if (tUs >= this.downFromUs[k] && tUs < this.downUntilUs[k]) return true;
    }
    return false;
  }

  /** does the sending end still have connection conn: the server tracks it, or the client is on it and alive */
  senderHas(i: number, up: boolean, conn: number, now: number): boolean {
    const t = this.w.state;
    if (!up) return t.tracks(i, conn);
    const state = t.state(i);
    return t.clientConn(i) === conn && (state === CLIENT.CONNECTED || state === CLIENT.CONNECTING) && t.alive(i, now);
  }
}
