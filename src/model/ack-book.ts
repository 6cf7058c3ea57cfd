// ACKs on their way to clients, booked when the server sends them instead of
// run as arrival events. On datagrams without a radio model or an adaptive
// interval, an ACK's arrival only counts a reception and refreshes the
// client's last-heard time if the client is still connected on the ACK's
// connection. So the client side settles the book before it reads the
// last-heard time and before anything can take it off a connection (an
// arriving CLOSE or RESET, its watch): a booked ACK that has arrived by then
// meets the state it would have met at its arrival, since nothing that
// changes that state ran in between; one that arrives later finds the
// connection gone (another id, or not connected) and does nothing.
// One ACK per client is booked; a second on its way at the same time is
// scheduled as an ordinary arrival (through the network, so that quiet
// rounds know it is on its way).
import type { Recorder } from "../metrics/recorder.js";
import { MSG, message } from "./messages.js";
import type { Network } from "./network.js";
import { CLIENT, type ClientTable } from "./state.js";

export class AckBook {
  /** arrival instant of each client's booked ACK; NaN: none */
  private readonly atUs: Float64Array;
  private readonly conn: Int32Array;

  constructor(
    private readonly net: Network,
    private readonly state: ClientTable,
    private readonly rec: Recorder,
    private readonly horizonUs: number,
  ) {
    this.atUs = new Float64Array(state.count).fill(NaN);
    this.conn = new Int32Array(state.count);
  }

  /** the server sends client i an ACK on connection conn at now, reaching it at arriveUs (< 0: lost) */
  book(i: number, conn: number, now: number, arriveUs: number): void {
    if (arriveUs < 0) return;
    this.settle(i, now);
    if (!Number.isNaN(this.atUs[i])) {
      this.net.arrivesAtClient(i, message(conn, MSG.ACK), arriveUs);
      return;
    }
    // the run ends before it arrives, or the client is dead by then: it does nothing
    if (arriveUs >= this.horizonUs || !this.state.alive(i, arriveUs)) return;
    this.rec.clientRx++; // counted as the arrival would count it, whatever the client's state
    this.atUs[i] = arriveUs;
    this.conn[i] = conn;
  }

  /** an ACK is booked for client i (one that has not arrived yet, after a settle) */
  holds(i: number): boolean {
    return !Number.isNaN(this.atUs[i]);
  }

  /** applies client i's booked ACK if it has arrived by now */
  settle(i: number, now: number): void {
    const arriveUs = this.atUs[i];
    if (!(arriveUs <= now)) return;
    this.atUs[i] = NaN;
    const t = this.state;
    if (this.conn[i] === t.clientConn(i) && t.state(i) === CLIENT.CONNECTED) t.setClientHeard(i, arriveUs);
  }
}
