// The answer deadline against its closed form over the simulator's TCP: a
// ping must be answered within 1 s, the retransmission timeout starts at
// 200 ms and doubles, and the links lose p = 30% each way with 1 ms delays
// (Socket.IO with pingInterval 2 s and pingTimeout 1 s on a lossy
// loopback). A ping's transmissions leave at 0, 0.2, 0.6, 1.4 s...; so does
// the pong's after the ping arrives. The answer is in time when each needs
// at most three transmissions, except both needing exactly three
// (0.6 + 0.6 s). So a live client is released at a ping with probability
//   P = 1 - (1 - p^3)^2 + (p^2 (1 - p))^2 = 2p^3 - p^6 + (p^2 (1 - p))^2,
// 0.05724 at p = 0.3: 103 false releases per client-hour at 1,800 pings an hour.
import { describe, expect, it } from "vitest";
import { MSG, messageType } from "../../src/model/messages.js";
import type { TcpTransport } from "../../src/model/tcp.js";
import { World } from "../../src/model/world.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { expectShortcutsExact, runWith } from "../support/oracle.js";
import { outcome } from "../support/outcome.js";
import { link, plan, S, strategy } from "../support/plan.js";

describe("the answer deadline", () => {
  it("releases a live client at a ping with probability 2p^3 - p^6 + (p^2(1-p))^2 over lossy TCP", () => {
    const p = 0.3;
    const P = 2 * p ** 3 - p ** 6 + (p * p * (1 - p)) ** 2;
    expect(P * 1800).toBeCloseTo(103.03, 1);
    const s = strategy({
      name: "socketio",
      initiator: "server",
      intervalUs: 2 * S,
      timeoutUs: 3 * S,
      // the client's own watch kept out of the way: the server's verdicts alone are counted
      clientTimeoutUs: 600 * S,
      detector: { kind: "answer", withinUs: 1 * S },
    });
    const world = plan({
      count: 200,
      durationUs: 3600 * S,
      uplink: link(1_000, p),
      downlink: link(1_000, p),
      transport: { kind: "tcp", model: "simple", rtoMinUs: 200_000, rtoMaxUs: 120 * S, retries: 15 },
      strategies: [s],
    });
    const w = new World(world, s, 0, makePolicy(s), makeDetector(s));
    let pings = 0;
    (w.net.tcp as TcpTransport).observer = {
      transmitted(_i, up, _conn, _seq, word, k) {
        if (!up && k === 0 && messageType(word) === MSG.PING) pings++;
      },
    };
    const out = outcome(w);
    const released = out.summary.false_positives as number;
    expect(pings).toBeGreaterThan(50_000);
    // binomial: each ping's fate is its own (a release ends the connection before the next ping)
    const se = Math.sqrt((P * (1 - P)) / pings);
    expect(Math.abs(released / pings - P)).toBeLessThanOrEqual(4 * se);
  });
});

describe("pings after the answer (engine.io)", () => {
  it("each connection pings interval after the PONG to its last ping: exactly the messages that clock makes", () => {
    const I = 2 * S;
    const up = 150_000;
    const down = 100_000;
    const T = 600 * S;
    const N = 50;
    const s = strategy({ name: "eio", initiator: "server", intervalUs: I, timeoutUs: 10 * S, schedule: "after-answer", detector: { kind: "answer", withinUs: 1 * S } });
    const p = plan({ count: N, durationUs: T, connectSpreadUs: 0, uplink: link(up), downlink: link(down), strategies: [s] });
    const out = runWith(p, s, 0, ALL_SHORTCUTS);
    // every client connects at 0 and is tracked at `up`; ping k leaves at up + I + k (I + down + up),
    // reaches the client `down` later and its PONG the server `up` after that
    const cycle = I + down + up;
    let pings = 0;
    let pongs = 0;
    for (let at = up + I; at < T; at += cycle) {
      pings++;
      if (at + down + up < T) pongs++;
    }
    expect(out.summary.server_msgs_out).toBe(N * (1 + pings)); // CONNECT_ACK and the pings
    expect(out.summary.server_msgs_in).toBe(N * (1 + pongs)); // CONNECT and the PONGs
    expect(out.summary.false_positives).toBe(0);
    // on the clock the same run pings every I instead
    const clock = runWith(p, { ...s, schedule: "per-client" }, 0, ALL_SHORTCUTS);
    expect(clock.summary.server_msgs_out).toBe(N * (1 + Math.floor((T - up - I) / I) + 1));
  });

  it("agrees with the shortcuts off over lossy TCP, and releases every crash within interval + round trip + within", () => {
    const s = strategy({ name: "eio", initiator: "server", intervalUs: 25 * S, timeoutUs: 45 * S, schedule: "after-answer", detector: { kind: "answer", withinUs: 20 * S } });
    const p = plan({
      count: 120,
      durationUs: 1800 * S,
      uplink: link(80_000, 0.05),
      downlink: link(60_000, 0.05),
      transport: { kind: "tcp", model: "simple", rtoMinUs: 200_000, rtoMaxUs: 120 * S, retries: 15 },
      crash: { fraction: 0.3, fromUs: 300 * S, toUs: 1500 * S },
      strategies: [s],
    });
    const { on } = expectShortcutsExact(p, s);
    expect(on.summary.detected).toBe(on.summary.crashes);
    for (let k = 0; k < on.detections.count; k++) {
      if (on.detections.crashed[k]) expect(on.detections.latencyUs[k]).toBeLessThanOrEqual(25 * S + 140_000 + 20 * S);
    }
  });
});
