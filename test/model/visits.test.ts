// A strategy with a timer of its own per connection (client heartbeats,
// per-client pings) arms the watching side's deadline only when a visit of
// that timer finds it due before the next visit (src/model/client.ts
// nextVisit, src/strategies/detectors/timeout/detector.ts). That must change which
// events run, never what happens: the same plan with the visits switched off
// (the plain lazy deadline, re-armed every time it fires early) must give the
// same releases, detections, time series and counts, with fewer events.
import { describe, expect, it } from "vitest";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { World } from "../../src/model/world.js";
import type { StrategyPlan } from "../../src/scenario/plan.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { expectSameOutcome, outcome } from "../support/outcome.js";
import { plan, S, strategy } from "../support/plan.js";
import { tcpPlan } from "../support/tcp.js";

const lossy = {
  delay: { dist: "lognormal" as const, mu: Math.log(0.08), sigma: 0.8 },
  loss: { model: "bernoulli" as const, p: 0.08 },
};

const tcp = tcpPlan(200_000, 120 * S, 6);

function run(s: StrategyPlan, visits: boolean, transport: "datagram" | "tcp" = "datagram", bookAcks = true) {
  const p = plan({
    transport: transport === "tcp" ? tcp : { kind: "datagram" },
    count: 400,
    durationUs: 3600 * S,
    crash: { fraction: 0.2, fromUs: 300 * S, toUs: 3000 * S },
    uplink: lossy,
    downlink: lossy,
    strategies: [s],
  });
  const w = new World(p, s, 0, makePolicy(s), makeDetector(s), { ...ALL_SHORTCUTS, visits, bookedAcks: bookAcks });
  return { ...outcome(w), booked: w.clientSide.acks !== null };
}

const cases: StrategyPlan[] = [
  strategy({ name: "client", initiator: "client" }),
  strategy({ name: "client-jitter", initiator: "client", jitter: 0.2, clientTimeoutUs: 50 * S }),
  // deadlines shorter than the interval: due before the very first visit
  strategy({ name: "client-short", initiator: "client", timeoutUs: 20 * S, clientTimeoutUs: 25 * S }),
  strategy({ name: "client-piggyback", initiator: "client", piggyback: true }),
  strategy({ name: "server", initiator: "server" }),
  strategy({ name: "server-jitter", initiator: "server", jitter: 0.2, timeoutUs: 45 * S }),
  strategy({ name: "server-short", initiator: "server", timeoutUs: 20 * S }),
  strategy({ name: "server-piggyback", initiator: "server", piggyback: true }),
  // deadlines shorter than two intervals (Socket.IO's 25 s / 45 s, MQTT's 1.5 x keep-alive):
  // each visit finds them due before the next, so they wait for the answer to its message
  strategy({ name: "server-socketio", initiator: "server", intervalUs: 25 * S, timeoutUs: 45 * S }),
  strategy({ name: "client-mqtt", initiator: "client", intervalUs: 60 * S, timeoutUs: 90 * S }),
];

describe("deadlines armed at visits", () => {
  for (const [s, transport] of [
    ...cases.map((c) => [c, "datagram"] as const),
    // over TCP a visit knows the arrival only when nothing is still on its way before it
    ...cases.filter((c) => !c.name.endsWith("-short")).map((c) => [c, "tcp"] as const),
  ]) {
    it(`${s.name} (${transport}): same outcome as the plain lazy deadline, in no more events`, () => {
      const a = run(s, true, transport);
      const b = run(s, false, transport);
      expectSameOutcome(a, b);
      expect(b.detections.count).toBeGreaterThan(0);
      // a deadline shorter than the interval is due before every visit: no saving there
      if (s.name.endsWith("-short")) expect(a.events).toBeLessThanOrEqual(b.events);
      else expect(a.events).toBeLessThan(b.events);
    });
  }
});

// Booked ACKs (src/model/ack-book.ts): on datagrams without radio or
// adaptive interval, an ACK's arrival is booked when the server sends it and
// applied by the client's next event, instead of running as an event. Same
// outcome as running every ACK as an event, one event fewer per round.
describe("ACK arrivals booked at send time", () => {
  for (const s of cases.filter((c) => c.initiator === "client")) {
    it(`${s.name}: same outcome as an event per ACK, in no more events`, () => {
      const a = run(s, true);
      const b = run(s, true, "datagram", false);
      expect(a.booked).toBe(true);
      expect(b.booked).toBe(false);
      expectSameOutcome(a, b);
      // with deadlines shorter than the interval no connection lives to see an ACK
      if (s.name.endsWith("-short")) expect(a.events).toBe(b.events);
      else expect(a.events).toBeLessThan(b.events);
    });
  }
});
