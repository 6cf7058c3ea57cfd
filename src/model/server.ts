// The server end: accepts connections, treats any message on a tracked
// connection as a sign of life, answers RESET on connections it does not
// track, and releases connections when the detector says so.
import { EV } from "./kinds.js";
import { MSG, isViaNewMapping, messageConn, messageType } from "./messages.js";
import type { ModelContext, ServerPort } from "./ports.js";

export class ServerSide implements ServerPort {
  constructor(private readonly w: ModelContext) {
    w.sim.on(EV.AT_SERVER, (i, data, now) => this.receive(i, data, now));
  }

  /** a message from client i reaches the server (the TCP transport hands its segments on here too) */
  receive(i: number, data: number, now: number): void {
    this.handle(i, data, now);
    // the client's watch awaited an answer to a heartbeat and none went: it arms now
    if (this.w.state.watchAwaits(i)) this.w.visits.serverAnswered(i, -1, -1);
  }

  private handle(i: number, data: number, now: number): void {
    const w = this.w;
    const t = w.state;
    if (w.restarts !== null && w.restarts.isDown(now)) return; // nobody there to receive it
    w.rec.messageIn(now);
    const conn = messageConn(data);
    const type = messageType(data);
    if (isViaNewMapping(data)) {
      // from an address the server does not know: no connection of its own
      w.net.toClient(i, MSG.RESET, conn, now, true);
      return;
    }
    if (type === MSG.CONNECT) {
      if (conn > t.serverConn(i)) this.accept(i, conn, now);
      else w.net.toClient(i, MSG.RESET, conn, now); // an attempt older than the one accepted
      return;
    }
    if (t.tracks(i, conn)) {
      this.heard(i, conn, now);
      if (type === MSG.APP_REQUEST) w.net.toClient(i, MSG.APP_RESPONSE, conn, now);
      else w.policy.serverHeard(i, type, conn, now);
    } else {
      w.net.toClient(i, MSG.RESET, conn, now);
    }
  }

  heard(i: number, conn: number, now: number): void {
    this.w.state.setServerHeard(i, now);
    this.w.detector.heard(i, conn, now);
  }

  // A newer connection from a client replaces the one tracked: the client
  // has given the old one up, so the server keeps tracking without a release.
  private accept(i: number, conn: number, now: number): void {
    const w = this.w;
    const t = w.state;
    if (!t.tracked(i)) w.rec.trackStart(i, now);
    t.setServerConn(i, conn);
    t.setTracked(i, true);
    t.setServerHeard(i, now);
    w.net.toClient(i, MSG.CONNECT_ACK, conn, now);
    w.detector.tracked(i, conn, now);
    w.policy.serverTracked(i, conn, now);
  }

  /** the detector declares client i dead: stop tracking, send CLOSE */
  release(i: number, now: number): void {
    const w = this.w;
    const t = w.state;
    t.setTracked(i, false);
    const path = w.net.path;
    w.rec.released(i, now, t.crashAt(i), path !== null && path.cutOff(i, t.serverConn(i), now));
    w.net.toClient(i, MSG.CLOSE, t.serverConn(i), now);
  }

  /**
   * The TCP transport gave up on client i's tracked connection after its
   * retries: the server drops it. A release, counted as unreachable (the
   * path was broken), and no CLOSE: nothing could reach the client.
   */
  transportBroke(i: number, now: number): void {
    const t = this.w.state;
    t.setTracked(i, false);
    this.w.rec.released(i, now, t.crashAt(i), true);
  }
}
