// Every exact shortcut on against every one off (test/support/oracle.ts),
// over the shapes where a shortcut is most likely to be wrong: delays that
// outlast the interval (so answers overtake each other and arrive after the
// next beat and after deadlines), up and down laws that differ, zero and
// constant delays (ties at one microsecond), long loss bursts, clients that
// all connect at once, crashes exactly on a beat or on an arrival, timeouts
// one microsecond over the interval and exactly two intervals, other seeds
// and replications. These shapes found a run ahead of a second ACK still on
// its way, and releases at one instant ordered by the event order.
// `npm run mutants` plants known mistakes in the run-ahead code and checks
// that this suite fails on each.
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load.js";
import { Z99 } from "../../src/scenario/resolve.js";
import type { DelayPlan, LinkPlan, LossPlan, StrategyPlan } from "../../src/scenario/plan.js";
import { DELAY_LAWS } from "../../src/net/delay/registry.js";
import { LOSS_LAWS } from "../../src/net/loss/registry.js";
import { DETECTORS } from "../../src/strategies/detectors/registry.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { expectShortcutsExact, runWith } from "../support/oracle.js";
import { plan, S, strategy, type PlanOver } from "../support/plan.js";

const MS = 1000;
const lognormal = (medianUs: number, p99Us: number): DelayPlan => ({
  dist: "lognormal",
  mu: Math.log(medianUs / S),
  sigma: Math.log(p99Us / medianUs) / Z99,
});
const bernoulli = (p: number): LossPlan => ({ model: "bernoulli", p });
const both = (delay: DelayPlan, loss: LossPlan): { up: LinkPlan; down: LinkPlan } => ({ up: { delay, loss }, down: { delay, loss } });

/** link laws, named for what they provoke; each direction of a client draws from its own stream */
const laws: Record<string, { up: LinkPlan; down: LinkPlan }> = {
  // one-way delays past the 30 s interval now and then
  "lognormal 500 ms / p99 50 s": both(lognormal(500 * MS, 50 * S), bernoulli(0.02)),
  "pareto alpha 0.8": both({ dist: "pareto", minUs: 100 * MS, alpha: 0.8 }, bernoulli(0.02)),
  "pareto alpha 1.0": both({ dist: "pareto", minUs: 200 * MS, alpha: 1.0 }, bernoulli(0.02)),
  "exponential 10 s": both({ dist: "exponential", meanUs: 10 * S }, bernoulli(0.02)),
  "normal 8 s, sd 12 s": both({ dist: "normal", meanUs: 8 * S, sdUs: 12 * S }, bernoulli(0.02)),
  "uniform 0-30 s": both({ dist: "uniform", minUs: 0, maxUs: 30 * S }, bernoulli(0.02)),
  // bounded delays up, heavy ones down, and the other way round
  "up constant 40 ms, down lognormal p99 50 s": {
    up: { delay: { dist: "constant", valueUs: 40 * MS }, loss: bernoulli(0.03) },
    down: { delay: lognormal(500 * MS, 50 * S), loss: bernoulli(0.01) },
  },
  "up pareto, down uniform 10-90 ms": {
    up: { delay: { dist: "pareto", minUs: 100 * MS, alpha: 0.9 }, loss: { model: "none" } },
    down: { delay: { dist: "uniform", minUs: 10 * MS, maxUs: 90 * MS }, loss: bernoulli(0.05) },
  },
  // every arrival on a microsecond others share
  "zero delay, 10% loss": both({ dist: "constant", valueUs: 0 }, bernoulli(0.1)),
  "constant 50 ms, 5% loss": both({ dist: "constant", valueUs: 50 * MS }, bernoulli(0.05)),
  // bursts of about 20 messages, 90% of them lost
  "gilbert-elliott long bursts": both(
    { dist: "uniform", minUs: 40 * MS, maxUs: 60 * MS },
    { model: "gilbert-elliott", pGoodToBad: 0.01, pBadToGood: 0.05, lossGood: 0.001, lossBad: 0.9 },
  ),
  // the reference model's link
  reference: both({ dist: "uniform", minUs: 40 * MS, maxUs: 60 * MS }, bernoulli(0.02)),
};

const I = 30 * S;
/** the timeout detector's shapes, where all three shortcuts apply */
const shapes: StrategyPlan[] = [
  strategy({ name: "client-ack", initiator: "client" }),
  strategy({ name: "client-no-ack", initiator: "client", ack: false }),
  strategy({ name: "client-interval+1us", initiator: "client", timeoutUs: I + 1, clientTimeoutUs: I + 1 }),
  strategy({ name: "client-two-intervals", initiator: "client", timeoutUs: 2 * I }),
  strategy({ name: "server", initiator: "server" }),
  strategy({ name: "server-interval+1us", initiator: "server", timeoutUs: I + 1, clientTimeoutUs: I + 1 }),
  strategy({ name: "server-two-intervals", initiator: "server", timeoutUs: 2 * I, clientTimeoutUs: 2 * I }),
];

/** shapes where quiet rounds are ruled out but visits or booked ACKs still apply */
const others: StrategyPlan[] = [
  strategy({ name: "client-jitter", initiator: "client", jitter: 0.2 }),
  // a jittered period (up to 45 s) outlasting the timeouts (31 s): an answer in time must still arm the deadline it leaves
  strategy({ name: "client-jitter-past-timeout", initiator: "client", jitter: 0.5, timeoutUs: 31 * S }),
  strategy({ name: "server-jitter-past-timeout", initiator: "server", jitter: 0.5, timeoutUs: 31 * S }),
  strategy({ name: "client-piggyback", initiator: "client", piggyback: true }),
  // an ACK that completes a level re-arms the pending beat later; the old timer fires as a visit
  strategy({
    name: "client-adaptive",
    initiator: "client",
    intervalUs: 20 * S,
    adaptive: { minUs: 20 * S, maxUs: 60 * S, stepUs: 10 * S, successes: 2, settleBackUs: 5 * S, failures: 2 },
  }),
  strategy({ name: "server-global", initiator: "server", schedule: "global" }),
  strategy({ name: "client-missed", initiator: "client", detector: { kind: "missed", threshold: 2 } }),
  strategy({
    name: "client-phi",
    initiator: "client",
    detector: { kind: "phi", threshold: 8, window: 20, minStdDevUs: 500 * MS, acceptablePauseUs: 5 * S },
  }),
  strategy({ name: "client-freshness", initiator: "client", detector: { kind: "freshness", deltaUs: 40 * S } }),
  // Socket.IO's rule: each ping answered within 20 s; on the clock, and engine.io's next ping an interval after the answer
  strategy({ name: "server-answer", initiator: "server", timeoutUs: 50 * S, detector: { kind: "answer", withinUs: 20 * S } }),
  strategy({ name: "server-answer-after-answer", initiator: "server", schedule: "after-answer", timeoutUs: 50 * S, detector: { kind: "answer", withinUs: 20 * S } }),
];

describe("the suite reaches every variation point", () => {
  it("every registered delay law, loss law and detector is run both ways", () => {
    const links = Object.values(laws).flatMap((l) => [l.up, l.down]);
    expect(new Set(links.map((l) => l.delay.dist))).toEqual(new Set(DELAY_LAWS.map((d) => d.dist)));
    expect(new Set(links.map((l) => l.loss.model))).toEqual(new Set(LOSS_LAWS.map((l) => l.model)));
    expect(new Set([...shapes, ...others].map((s) => s.detector.kind))).toEqual(new Set(DETECTORS.map((d) => d.kind)));
    expect(new Set([...shapes, ...others].map((s) => s.initiator === "server" && s.schedule))).toEqual(
      new Set([false, "per-client", "global", "after-answer"]),
    );
  });
});

function lawPlan(law: { up: LinkPlan; down: LinkPlan }, s: StrategyPlan, over: PlanOver = {}) {
  return plan({
    count: 200,
    durationUs: 3600 * S + 13_777, // the run's end falls mid-round
    crash: { fraction: 0.3, fromUs: 100 * S, toUs: 3500 * S },
    uplink: law.up,
    downlink: law.down,
    strategies: [s],
    bucketUs: 7 * S,
    ...over,
  });
}

describe("shortcuts on and off agree", () => {
  for (const [lawName, law] of Object.entries(laws)) {
    for (const s of shapes) {
      it(`${s.name}, ${lawName}`, () => {
        const { off } = expectShortcutsExact(lawPlan(law, s), s);
        expect(off.detections.count).toBeGreaterThan(0);
      });
    }
  }
  for (const lawName of ["lognormal 500 ms / p99 50 s", "zero delay, 10% loss", "gilbert-elliott long bursts", "reference"]) {
    for (const s of others) {
      it(`${s.name}, ${lawName}`, () => {
        const { off } = expectShortcutsExact(lawPlan(laws[lawName], s), s);
        expect(off.detections.count).toBeGreaterThan(0);
      });
    }
  }
});

describe("shortcuts on and off agree where everything happens at once", () => {
  // Every client connects at 0 over constant delays d: a first connection
  // is tracked at d and connected at 2d, so its beats fire at 2d + k I, its
  // HBs land at 3d + k I and their ACKs at 4d + k I; pings fire at d + k I
  // and land at 2d + k I, their PONGs at 3d + k I. A crash at one of those
  // instants falls exactly on a beat, an arrival or an answer.
  const d = 50 * MS;
  const law = laws["constant 50 ms, 5% loss"];
  for (const s of shapes) {
    it(`${s.name}: connect spread 0, releases at one microsecond`, () => {
      const { off } = expectShortcutsExact(lawPlan(law, s, { connectSpreadUs: 0 }), s);
      expect(off.detections.count).toBeGreaterThan(0);
    });
    for (const k of [1, 2, 3, 4]) {
      it(`${s.name}: every crash at ${k}d + 10 I`, () => {
        const atUs = k * d + 10 * I;
        const over = { connectSpreadUs: 0, crash: { fraction: 0.5, fromUs: atUs, toUs: atUs } };
        const { off } = expectShortcutsExact(lawPlan(law, s, over), s);
        expect(off.detections.count).toBeGreaterThan(0);
      });
    }
  }
  for (const s of shapes) {
    it(`${s.name}: zero delay, connect spread 0, crashes on the beat`, () => {
      const over = { connectSpreadUs: 0, crash: { fraction: 0.5, fromUs: 10 * I, toUs: 10 * I } };
      expectShortcutsExact(lawPlan(laws["zero delay, 10% loss"], s, over), s);
    });
  }
});

describe("shortcuts on and off agree for other seeds and replications", () => {
  for (const [seed, replication] of [
    [7, 0],
    [12_345, 0],
    [1, 1],
    [1, 3],
    [2 ** 31 + 5, 2],
  ]) {
    for (const s of [shapes[0], shapes[4]]) {
      it(`${s.name}, seed ${seed}, replication ${replication}`, () => {
        const p = lawPlan(laws["lognormal 500 ms / p99 50 s"], s, { seed, replications: replication + 1 });
        const { off } = expectShortcutsExact(p, s, replication);
        expect(off.detections.count).toBeGreaterThan(0);
      });
    }
  }
});

// Scenarios the fuzz test (test/model/fuzz.test.ts) shrank defects to, kept
// as they were found: each failed before its fix.
describe("shortcuts on and off agree on what the fuzz test found", () => {
  const found: Record<string, object> = {
    // a reconnect delay of 0 backed off a thousand times was NaN: an internal error
    "connects never answered in time, no reconnect delay": {
      duration: "76400001us",
      clients: { count: 1, connect: { spread: "1us" }, reconnect: { delay: "0us", maxDelay: "0us", backoff: 2.5, jitter: 0, connectTimeout: "100ms" } },
      network: { link: { delay: { dist: "lognormal", median: "50515us", p99: "51022us" }, loss: { model: "none" } } },
      strategies: [{ name: "a", initiator: "client", interval: "1s", timeout: "1000001us" }],
    },
    // the server's deadline and the client's watch due at one microsecond: which ran first hung on when each was armed
    "zero delays, a NAT mapping as long as the interval": {
      duration: "60s",
      clients: { count: 1, reconnect: { delay: "0us", maxDelay: "0us", backoff: 1, jitter: 0, connectTimeout: "100ms" } },
      network: { link: { delay: { dist: "constant", value: "0us" }, loss: { model: "none" } }, natIdleTimeout: "10s" },
      strategies: [{ name: "c", initiator: "server", interval: "10s", timeout: "10000001us" }],
    },
    // The same over TCP (found by the fuzz test when it drew fewer shapes):
    // jittered beats, half of them through an expired mapping, which the
    // server answers with a RESET, mostly lost; then only the server's
    // deadline, armed because no heartbeat of the tracked connection is on
    // its way, ends the connection (the client's watch waits far longer).
    "over TCP, heartbeats through an expired mapping": {
      duration: "30m",
      clients: { count: 50 },
      network: {
        uplink: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.02 } },
        downlink: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.6 } },
        natIdleTimeout: "10s",
        transport: { kind: "tcp", model: "simple" },
      },
      strategies: [{ name: "beats", initiator: "client", interval: "10s", jitter: 0.5, timeout: "25s", clientTimeout: "5m" }],
    },
    // and over Linux's TCP, whose ACKs and probes cross the same expired mappings
    "over Linux TCP, heartbeats through an expired mapping": {
      duration: "30m",
      clients: { count: 50, crash: { fraction: 0.2, between: ["5m", "25m"] } },
      network: {
        uplink: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.05 } },
        downlink: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.3 } },
        natIdleTimeout: "10s",
        transport: { kind: "tcp", model: "linux" },
      },
      strategies: [
        { name: "beats", initiator: "client", interval: "10s", jitter: 0.5, timeout: "25s", clientTimeout: "5m" },
        { name: "socketio", initiator: "server", interval: "10s", timeout: "25s", schedule: "after-answer", detector: { kind: "answer", within: "5s" } },
      ],
    },
    // over Linux's TCP a slow first transmission can be overtaken by its own probe, sent before any ACK
    // could come: its arrival is no promise of when it is handed on (a fuzz find: the client's watch, left
    // to the next beat by an answer due to arrive late, missed the earlier hand-over it had to count from)
    "over Linux TCP, answers slower than the probe": {
      duration: "20m",
      clients: { count: 40, traffic: { meanInterval: "2m" } },
      network: {
        uplink: { delay: { dist: "exponential", mean: "20us" }, loss: { model: "none" } },
        downlink: { delay: { dist: "lognormal", median: "1s", p99: "30s" }, loss: { model: "bernoulli", p: 0.01 } },
        transport: { kind: "tcp", model: "linux" },
      },
      strategies: [{ name: "beats", initiator: "client", interval: "60s", jitter: 0.5, timeout: "61s", clientTimeout: "61s" }],
    },
    // a heartbeat through an expired NAT mapping counted as in time at a visit, though the server sees a stranger
    // (the seed re-found when normal delays moved to the ziggurat: the fuzz's seed 3874532094 drew other delays;
    // 215, 265, 438, 721 and 761 of the first 761 seeds catch the defect now)
    "a heartbeat through an expired mapping, adaptive interval": {
      seed: 215,
      duration: "60s",
      clients: {
        count: 5,
        reconnect: { delay: "1us", maxDelay: "1us", backoff: 1, jitter: 0, connectTimeout: "3303600us" },
        traffic: { meanInterval: "236850755us" },
      },
      network: {
        link: {
          delay: { dist: "normal", mean: "5us", sd: "7590054us" },
          // never lossy, but a loss law that draws: the delays come from the stream positions found
          loss: { model: "gilbert-elliott", pGoodToBad: 0, pBadToGood: 0.01, lossGood: 0, lossBad: 0 },
        },
        natIdleTimeout: "10s",
      },
      strategies: [
        { name: "b", initiator: "client", timeout: "43427452us", adaptive: { min: "43427428us", max: "43427443us", step: "8705722us", successes: 3 } },
      ],
    },
  };
  for (const [what, scenario] of Object.entries(found)) {
    it(what, () => {
      const p = parseScenario(JSON.stringify({ name: "found", ...scenario }), "found.json");
      for (const s of p.strategies) expectShortcutsExact(p, s);
    });
  }
});

// Quiet rounds draw bounded delays lazily and judge a round on the delay
// bounds alone (src/model/quiet-rounds.ts). A bound taken from the wrong end
// of the range matters only where the range is about as wide as the slack a
// deadline leaves: timeouts just under two intervals (a deadline is deferred
// to the next visit only above about 2 intervals less the delay) with
// uniform delays of many seconds. Each case is built so that a round's
// check fails on the true delays in a few rounds in a hundred.
describe("shortcuts on and off agree where bounded delays are as wide as the slack", () => {
  const uniform = (maxUs: number): LinkPlan => ({ delay: { dist: "uniform", minUs: 0, maxUs }, loss: bernoulli(0.01) });
  const cases: [string, StrategyPlan, LinkPlan, LinkPlan][] = [
    // the server's last-heard bound: an HB can land more than the 29 s of slack after the one before
    ["heartbeats without ACK, timeout 59 s", strategy({ name: "c", initiator: "client", ack: false, timeoutUs: 59 * S }), uniform(29.9 * S), uniform(29.9 * S)],
    // the client's last-heard bound: the watch (45 s) comes round before the next beat when an ACK came back within 15 s
    ["heartbeats with ACK, client timeout 45 s", strategy({ name: "c", initiator: "client", timeoutUs: 59 * S, clientTimeoutUs: 45 * S }), uniform(14.9 * S), uniform(14.9 * S)],
    // the server's last-heard bound, from a PONG: the deadline (45 s) comes round before the next ping likewise
    ["pings, timeout 45 s", strategy({ name: "s", initiator: "server", timeoutUs: 45 * S, clientTimeoutUs: 120 * S }), uniform(14.9 * S), uniform(14.9 * S)],
    // the client's last-heard bound and its watch, from a ping: a ping can land 20 s later than the one before
    ["pings, client timeout 50 s", strategy({ name: "s", initiator: "server", timeoutUs: 120 * S, clientTimeoutUs: 50 * S }), uniform(4.9 * S), uniform(25 * S)],
  ];
  for (const [what, s, up, down] of cases) {
    it(what, () => {
      const { on, off } = expectShortcutsExact(lawPlan({ up, down }, s, { count: 400 }), s);
      expect(off.detections.count).toBeGreaterThan(0);
      expect(on.events).toBeLessThan(off.events);
    });
  }
});

// Heartbeat rounds over Linux's TCP run at once (LinuxTcpTransport.quietExchange,
// ServerInitiated's and ClientInitiated's exchangeAtOnce): Socket.IO's shape,
// per-client pings answered within a deadline, and MQTT's, client beats ACKed
// by the server (plain, piggybacked, with a client watch shorter than two
// beats so that it awaits each ACK), against everything that can come
// between a round's first segment and the ACK of its answer: outages, NAT
// mappings that expire between rounds or within one, app traffic, radios,
// crashes in mid-round, answers slower than the probe, the kernel's clock at
// every rate, zero delays (a round at one instant), deadlines and watches
// shorter than a slow round, bursty loss. Each strategy must run rounds at
// once (fewer events) and agree with the plain model.
describe("heartbeat rounds over Linux's TCP run at once agree with the events", () => {
  const socketio = (interval: string, timeout: string, within: string, clientTimeout?: string) => ({
    name: "socketio",
    initiator: "server",
    interval,
    timeout,
    ...(clientTimeout ? { clientTimeout } : {}),
    detector: { kind: "answer", within },
  });
  const mqtt = (interval: string, timeout: string, more: { clientTimeout?: string; piggyback?: boolean } = {}) => ({
    name: "mqtt",
    initiator: "client",
    interval,
    timeout,
    ...more,
  });
  const named = (...strategies: { name: string }[]) => strategies.map((s, k) => ({ ...s, name: `${s.name}${k}` }));
  const lognormal = (median: string, p99: string) => ({ dist: "lognormal", median, p99 });
  const cases: Record<string, object> = {
    "a phone network: outages, NAT, app traffic, radios, crashes": {
      duration: "30m",
      clients: { count: 150, crash: { fraction: 0.2, between: ["2m", "28m"] }, traffic: { meanInterval: "40s" }, radio: "lte" },
      network: {
        uplink: { delay: lognormal("80ms", "600ms"), loss: { model: "gilbert-elliott", pGoodToBad: 0.02, pBadToGood: 0.3, lossGood: 0.005, lossBad: 0.5 } },
        downlink: { delay: lognormal("60ms", "500ms"), loss: { model: "bernoulli", p: 0.02 } },
        outages: { meanUp: "3m", meanDown: "15s" },
        natIdleTimeout: "40s",
        transport: { kind: "tcp" },
      },
      strategies: named(socketio("25s", "45s", "20s"), mqtt("20s", "30s"), mqtt("20s", "30s", { piggyback: true }), mqtt("15s", "40s", { clientTimeout: "20s" })),
    },
    "NAT mappings that expire between rounds, and within a slow one": {
      duration: "20m",
      clients: { count: 80, traffic: { meanInterval: "30s" } },
      network: {
        link: { delay: lognormal("300ms", "4s"), loss: { model: "bernoulli", p: 0.01 } },
        natIdleTimeout: "1s",
        transport: { kind: "tcp" },
      },
      strategies: named(socketio("2s", "6s", "1500ms"), socketio("5s", "12s", "4s"), mqtt("800ms", "3s"), mqtt("900ms", "3s", { piggyback: true, clientTimeout: "2s" })),
    },
    "answers slower than the probe, deadlines shorter than a slow round": {
      duration: "20m",
      clients: { count: 100, crash: { fraction: 0.3, between: ["1m", "19m"] } },
      network: {
        uplink: { delay: lognormal("100ms", "3s"), loss: { model: "bernoulli", p: 0.03 } },
        downlink: { delay: lognormal("1s", "20s"), loss: { model: "none" } },
        transport: { kind: "tcp" },
      },
      strategies: named(
        socketio("3s", "5s", "400ms", "3500ms"),
        socketio("10s", "25s", "2s", "10500ms"),
        mqtt("3s", "5s", { clientTimeout: "3500ms" }),
        mqtt("10s", "25s", { clientTimeout: "10500ms" }),
      ),
    },
    "zero delays: a round in one instant": {
      duration: "10m",
      clients: { count: 60, crash: { fraction: 0.3, between: ["1m", "9m"] }, traffic: { meanInterval: "7s" } },
      network: { link: { delay: { dist: "constant", value: 0 }, loss: { model: "bernoulli", p: 0.05 } }, transport: { kind: "tcp" } },
      strategies: named(socketio("5s", "12s", "2s"), mqtt("5s", "12s"), mqtt("5s", "12s", { piggyback: true })),
    },
    // rounds closer than the RTO: no pause, so the 16 quick ACKs run out and the ACK of a PONG (or of the server's ACK) waits 40 ms
    "rounds closer than the RTO: the pure ACK delayed": {
      duration: "10m",
      clients: { count: 40, crash: { fraction: 0.3, between: ["1m", "9m"] } },
      network: {
        link: { delay: { dist: "constant", value: "300ms" }, loss: { model: "bernoulli", p: 0.03 } },
        transport: { kind: "tcp", rtoMin: "1s", hz: 0 },
      },
      strategies: named(socketio("1200ms", "5s", "4s", "5s"), mqtt("1200ms", "5s")),
    },
    // a round (ping, PONG, ACK) about as long as the interval: the next ping (beat) often goes before the last round's ACK
    "rounds closer than a round lasts": {
      duration: "10m",
      clients: { count: 60, crash: { fraction: 0.3, between: ["1m", "9m"] } },
      network: { link: { delay: { dist: "uniform", min: "200ms", max: "600ms" }, loss: { model: "bernoulli", p: 0.01 } }, transport: { kind: "tcp" } },
      strategies: named(socketio("1s", "4s", "3s", "4s"), mqtt("1s", "4s")),
    },
    // app requests (src/model/traffic.ts) run at once where rounds do: here nearly every event is one
    "app requests between rare heartbeats, each at once too": {
      duration: "10m",
      clients: { count: 50, crash: { fraction: 0.3, between: ["1m", "9m"] }, traffic: { meanInterval: "5s" }, radio: "lte" },
      network: {
        uplink: { delay: lognormal("80ms", "600ms"), loss: { model: "bernoulli", p: 0.01 } },
        downlink: { delay: lognormal("60ms", "500ms"), loss: { model: "bernoulli", p: 0.01 } },
        outages: { meanUp: "10m", meanDown: "10s" },
        transport: { kind: "tcp" },
      },
      strategies: named(socketio("2m", "3m", "20s"), mqtt("2m", "3m", { piggyback: true }), mqtt("2m", "3m", { clientTimeout: "150s" })),
    },
    // a slow answer lets a tail loss probe go first (rounds at once through it); with no pause longer than the RTO
    // between rounds the 16 quick ACKs are not renewed, and each copy spends one more
    "probes before slow answers, rounds closer than the RTO": {
      duration: "15m",
      clients: { count: 60, crash: { fraction: 0.2, between: ["1m", "14m"] }, traffic: { meanInterval: "20s" }, radio: "lte" },
      network: {
        uplink: { delay: lognormal("150ms", "3s"), loss: { model: "bernoulli", p: 0.01 } },
        downlink: { delay: lognormal("100ms", "2s"), loss: { model: "bernoulli", p: 0.01 } },
        outages: { meanUp: "5m", meanDown: "5s" },
        natIdleTimeout: "3s",
        transport: { kind: "tcp", rtoMin: "1s" },
      },
      strategies: named(socketio("1200ms", "6s", "5s", "6s"), mqtt("1200ms", "6s"), mqtt("1500ms", "6s", { piggyback: true })),
    },
    // outages that often start or end inside a slow round, and lossy links: probes that find the path down, copies lost
    "outages inside slow rounds, lossy links": {
      duration: "15m",
      clients: { count: 80, crash: { fraction: 0.2, between: ["1m", "14m"] }, radio: "lte" },
      network: {
        uplink: { delay: lognormal("200ms", "3s"), loss: { model: "bernoulli", p: 0.15 } },
        downlink: { delay: lognormal("150ms", "3s"), loss: { model: "bernoulli", p: 0.15 } },
        outages: { meanUp: "8s", meanDown: "1s" },
        transport: { kind: "tcp" },
      },
      strategies: named(socketio("10s", "30s", "8s", "25s"), mqtt("10s", "30s")),
    },
    // slow copies under a NAT that barely outlasts the interval: probes and their duplicate ACKs late in the round
    "probes with slow copies under a NAT barely longer than the interval": {
      duration: "20m",
      clients: { count: 120, crash: { fraction: 0.2, between: ["1m", "19m"] }, radio: "lte" },
      network: {
        link: { delay: lognormal("80ms", "4s"), loss: { model: "bernoulli", p: 0.005 } },
        natIdleTimeout: "2s",
        transport: { kind: "tcp" },
      },
      strategies: named(socketio("1500ms", "8s", "6s", "7s"), mqtt("1500ms", "8s")),
    },
    // no retransmission allowed: the first timer that fires, a tail loss probe, breaks the connection (found by the fuzz test)
    "no retries: a probe breaks the connection": {
      duration: "15m",
      clients: { count: 60, traffic: { meanInterval: "20s" } },
      network: {
        uplink: { delay: lognormal("100ms", "2s"), loss: { model: "none" } },
        downlink: { delay: lognormal("80ms", "2s"), loss: { model: "none" } },
        transport: { kind: "tcp", retries: 0 },
      },
      strategies: named(socketio("10s", "30s", "8s", "25s"), mqtt("10s", "30s")),
    },
    // no retransmission allowed and lossy links: a lost ping, beat or request breaks the connection at its probe
    // instead of going again (a round carried by the probe's copy must not run)
    "no retries: a lost first transmission breaks the connection": {
      duration: "15m",
      clients: { count: 60, traffic: { meanInterval: "20s" } },
      network: {
        uplink: { delay: { dist: "uniform", min: "20ms", max: "60ms" }, loss: { model: "bernoulli", p: 0.03 } },
        downlink: { delay: { dist: "uniform", min: "20ms", max: "60ms" }, loss: { model: "bernoulli", p: 0.03 } },
        transport: { kind: "tcp", retries: 0 },
      },
      strategies: named(socketio("10s", "30s", "8s", "25s"), mqtt("10s", "30s")),
    },
    "the kernel's clock at 100 and 1000 Hz, and none": {
      duration: "15m",
      clients: { count: 80, crash: { fraction: 0.2, between: ["1m", "14m"] }, radio: "lte" },
      network: {
        uplink: { delay: { dist: "exponential", mean: "150ms" }, loss: { model: "bernoulli", p: 0.02 } },
        downlink: { delay: { dist: "pareto", min: "20ms", alpha: 1.2 }, loss: { model: "bernoulli", p: 0.02 } },
        outages: { meanUp: "2m", meanDown: "5s" },
        transport: { kind: "tcp", hz: 100 },
      },
      strategies: named(socketio("4s", "10s", "3s"), mqtt("4s", "10s", { piggyback: true })),
    },
  };
  for (const [what, scenario] of Object.entries(cases)) {
    it(what, () => {
      for (const hz of what.startsWith("the kernel's clock") ? [100, 1000, 0] : [undefined]) {
        const json = JSON.parse(JSON.stringify({ name: "rounds", seed: 5, ...scenario })) as { network: { transport: { hz?: number } } };
        if (hz !== undefined) json.network.transport.hz = hz;
        const p = parseScenario(JSON.stringify(json), "rounds.json");
        for (const s of p.strategies) {
          const { on } = expectShortcutsExact(p, s);
          // rounds did run at once: fewer events than with every other shortcut on (app requests: a third fewer at least, where nearly every event was one)
          const events = runWith(p, s, 0, { ...ALL_SHORTCUTS, quietRounds: false }).events;
          expect(on.events).toBeLessThan(what.startsWith("app requests") ? 0.7 * events : events);
        }
      }
    });
  }
});
