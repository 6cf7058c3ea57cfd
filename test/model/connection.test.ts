// The connection lifecycle of spec section 3, driven through a World.
import { describe, expect, it } from "vitest";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { World } from "../../src/model/world.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import type { StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";

function world(s: StrategyPlan, count = 20) {
  const p = plan({ count, connectSpreadUs: 5 * S, durationUs: 600 * S, uplink: link(10_000), downlink: link(10_000), strategies: [s] });
  return new World(p, s, 0, makePolicy(s), makeDetector(s), { ...ALL_SHORTCUTS, quietRounds: false });
}

// Wiping the server's state from outside between two runs changes a client
// behind its back, which quiet rounds (src/model/quiet-rounds.ts) rule out:
// the rounds they ran ahead would have met the wiped state. So the worlds of
// these tests run every round as events.
function forgetAll(w: World): void {
  for (let i = 0; i < w.count; i++) w.state.setTracked(i, false);
}

describe("connection lifecycle", () => {
  it("a message on a connection the server forgot is answered with RESET, and the client reconnects", () => {
    const s = strategy({ name: "c", initiator: "client", ack: false });
    const w = world(s);
    w.sim.run(100 * S);
    expect(w.rec.reconnects).toBe(0);
    forgetAll(w); // the server forgets every connection, silently
    w.sim.run(200 * S);
    // each client's next HB (within one interval) met RESET; each reconnected once
    expect(w.rec.reconnects).toBe(20);
    for (let i = 0; i < w.count; i++) expect(w.state.tracked(i)).toBe(true);
    expect(w.rec.falsePositives).toBe(0);
  });

  it("a client that hears nothing for clientTimeout gives up and reconnects", () => {
    // server pings, but the server's state is wiped so it stops pinging anyone
    const s = strategy({ name: "s", initiator: "server", clientTimeoutUs: 90 * S });
    const w = world(s);
    w.sim.run(100 * S);
    forgetAll(w);
    // tracking starts at T in [10 ms, 5.01 s] (connect spread 5 s, 10 ms links), so
    // the last PING sent before 100 s leaves at T + 90 s and is heard in
    // [90.02, 95.02] s; the client gives up clientTimeout (90 s) later and
    // reconnects after a wait of 1 s +- 50%: every reconnect falls in
    // [180.52, 186.52] s. Going by timeout (75 s) instead would put them all
    // in [165.52, 171.52] s.
    w.sim.run(180 * S);
    expect(w.rec.reconnects).toBe(0);
    w.sim.run(190 * S);
    expect(w.rec.reconnects).toBe(20);
  });

  it("without acks the server sends nothing, so the client does not watch it", () => {
    const s = strategy({ name: "c", initiator: "client", ack: false, clientTimeoutUs: 40 * S });
    const w = world(s);
    w.sim.run(600 * S);
    expect(w.rec.reconnects).toBe(0);
    expect(w.rec.serverOut).toBe(20); // only the CONNECT_ACKs
  });

  it("any message counts as a sign of life: PONGs keep server-initiated connections", () => {
    const s = strategy({ name: "s", initiator: "server", timeoutUs: 31 * S });
    const w = world(s);
    w.sim.run(600 * S);
    expect(w.rec.falsePositives).toBe(0);
    expect(w.rec.reconnects).toBe(0);
  });

  it("a crashed client answers nothing and is released once", () => {
    const s = strategy({ name: "s", initiator: "server" });
    const w = world(s, 1);
    w.state.setCrashAt(0, 200 * S);
    w.sim.run(600 * S);
    expect(w.rec.detected).toBe(1);
    expect(w.state.tracked(0)).toBe(false);
    expect(w.rec.reconnects).toBe(0);
  });
});
