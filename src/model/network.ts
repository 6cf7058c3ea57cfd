// The star network between the clients and the server: sends a message on
// the client's uplink or downlink, counts it, and schedules its arrival if
// the link delivers it. The links never see what the message means. With
// the TCP transport, messages are handed to it instead (src/model/tcp.ts).
import type { Simulator } from "../kernel/simulator.js";
import type { Recorder } from "../metrics/recorder.js";
import type { Link } from "../net/link.js";
import type { Radios } from "./components/radio.js";
import { EV } from "./kinds.js";
import { isViaNewMapping, message, viaNewMapping } from "./messages.js";
import { DROP, NEW_MAPPING, type Path } from "./path.js";

/** what the network hands to the TCP transport (src/model/tcp.ts) */
export interface Transport {
  toServer(i: number, type: number, conn: number, nowUs: number): number;
  /** whether the transport carries a server message of this type (else it goes as a datagram) */
  carries(type: number): boolean;
  toClient(i: number, type: number, conn: number, nowUs: number): number;
}

/** who must hear of every arrival at a client scheduled (src/model/quiet-rounds.ts) */
export interface ArrivalWatcher {
  onTheWay(i: number, atUs: number): void;
}

export class Network {
  /** the TCP transport; null for datagrams, whose path stays as it is */
  tcp: Transport | null = null;
  /** told of every arrival scheduled, when quiet rounds may run ahead */
  quiet: ArrivalWatcher | null = null;

  constructor(
    private readonly sim: Simulator,
    readonly uplink: Link,
    readonly downlink: Link,
    private readonly rec: Recorder,
    /** the clients' radios; null without a radio model */
    readonly radios: Radios | null,
    /** outages and NAT; null when the scenario has neither */
    readonly path: Path | null,
    /** when each client last sent anything, kept only for piggybacking strategies */
    readonly lastSentUs: Float64Array | null,
  ) {}

  /**
   * Client i sends `type` on connection `conn`. Returns when it reaches the
   * server as a message of that connection, or -1: lost, or through an
   * expired NAT mapping, where the server sees a stranger and answers RESET
   * (the message arrives, but it is no sign of life of conn, and a deadline
   * that waits for one must not wait for it).
   */
  toServer(i: number, type: number, conn: number, nowUs: number): number {
    this.sent(i, nowUs);
    if (this.tcp !== null) return this.tcp.toServer(i, type, conn, nowUs);
    let data = message(conn, type);
    if (this.path !== null) {
      const fate = this.path.uplink(i, conn, nowUs);
      if (fate === DROP) return -1;
      if (fate === NEW_MAPPING) data = viaNewMapping(data);
    }
    const d = this.uplink.transmit(i);
    if (d < 0) return -1;
    this.sim.schedule(nowUs + d, EV.AT_SERVER, i, data);
    if (this.quiet !== null) this.quiet.onTheWay(i, nowUs + d);
    return isViaNewMapping(data) ? -1 : nowUs + d;
  }

  /** what client i's send does besides the packet (a round run at once tells it so): counted, its radio woken, the send noted */
  sent(i: number, nowUs: number): void {
    this.rec.clientTx++;
    if (this.radios !== null) this.radios.activity(i, nowUs);
    // read once, as RtoEstimator.capped reads its limit
    const lastSentUs = this.lastSentUs;
    if (lastSentUs !== null) lastSentUs[i] = nowUs;
  }

  /**
   * The server sends `type` to client i on connection `conn`; `fresh` when
   * answering a message that came through a new NAT mapping (it goes back
   * through that mapping). Returns when it reaches the client, or -1 if it is lost.
   */
  toClient(i: number, type: number, conn: number, nowUs: number, fresh = false): number {
    this.rec.messageOut(nowUs);
    if (this.tcp !== null && this.tcp.carries(type)) return this.tcp.toClient(i, type, conn, nowUs);
    const arriveUs = this.downlinkFate(i, conn, nowUs, fresh);
    if (arriveUs >= 0) this.arrivesAtClient(i, message(conn, type), arriveUs);
    return arriveUs;
  }

  /**
   * Schedules the arrival of a message the server sent client i. Every
   * arrival at a client is scheduled here, so that quiet rounds know what is
   * on its way and never run ahead of it.
   */
  arrivesAtClient(i: number, data: number, arriveUs: number): void {
    this.sim.schedule(arriveUs, EV.AT_CLIENT, i, data);
    if (this.quiet !== null) this.quiet.onTheWay(i, arriveUs);
  }

  /**
   * Like toClient for an ACK, but its arrival is not scheduled: the client
   * side books it (src/model/ack-book.ts). Datagrams only.
   */
  toClientBooked(i: number, conn: number, nowUs: number): number {
    this.rec.messageOut(nowUs);
    return this.downlinkFate(i, conn, nowUs, false);
  }

  private downlinkFate(i: number, conn: number, nowUs: number, fresh: boolean): number {
    if (this.path !== null && this.path.downlink(i, conn, nowUs, fresh) === DROP) return -1;
    const d = this.downlink.transmit(i);
    return d < 0 ? -1 : nowUs + d;
  }
}
