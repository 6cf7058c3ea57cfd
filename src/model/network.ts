// The star network between the clients and the server: sends a message on
// the client's uplink or downlink, counts it, and schedules its arrival if
// the link delivers it. The links never see what the message means.
import type { Simulator } from "../kernel/simulator.js";
import type { Recorder } from "../metrics/recorder.js";
import type { Link } from "../net/link.js";
import type { Radios } from "./components/radio.js";
import { EV } from "./kinds.js";
import { message } from "./messages.js";

export class Network {
  constructor(
    private readonly sim: Simulator,
    private readonly uplink: Link,
    private readonly downlink: Link,
    private readonly rec: Recorder,
    /** the clients' radios; null without a radio model */
    readonly radios: Radios | null,
  ) {}

  /** client i sends `type` on connection `conn` */
  toServer(i: number, type: number, conn: number, nowUs: number): void {
    this.rec.clientTx++;
    if (this.radios !== null) this.radios.activity(i, nowUs);
    const d = this.uplink.transmit(i);
    if (d >= 0) this.sim.schedule(nowUs + d, EV.AT_SERVER, i, message(conn, type));
  }

  /** the server sends `type` to client i on connection `conn` */
  toClient(i: number, type: number, conn: number, nowUs: number): void {
    this.rec.messageOut(nowUs);
    const d = this.downlink.transmit(i);
    if (d >= 0) this.sim.schedule(nowUs + d, EV.AT_CLIENT, i, message(conn, type));
  }
}
