// The Linux TCP transport (`"model": "linux"`, src/model/tcp-linux.ts)
// through the whole model, against what its rules imply in closed form.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import { ROUND, ROUND_NAMES, type LinuxTcpTransport } from "../../src/model/tcp-linux.js";
import { World } from "../../src/model/world.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { MSG, messageType } from "../../src/model/messages.js";
import { link, plan, S, strategy } from "../support/plan.js";
import { runWatched, tcpPlan } from "../support/tcp.js";

const MS = 1000;
const d = 20_000;
const SIMPLE = tcpPlan(200 * MS, 120 * S, 15, "simple");
const LINUX = tcpPlan(200 * MS, 120 * S, 15, "linux");

/** 20 clients whose uplink loses everything: each first CONNECT is retransmitted until its sender gives up (4 retries) */
function lostConnects(s: ReturnType<typeof strategy>, transport: ReturnType<typeof tcpPlan>) {
  return plan({ count: 20, durationUs: 60 * S, connectSpreadUs: S, uplink: link(d, 1), downlink: link(d), reconnect: { connectTimeoutUs: 1000 * S }, transport, strategies: [s] });
}

/** each crashed client's release instant, and the transmissions of the first ping that could not reach it */
function firstUnanswered(run: ReturnType<typeof runWatched>): { releaseUs: Map<number, number>; firstLost: Map<number, number[]> } {
  const t = run.w.state;
  const det = run.w.rec.detections();
  const releaseUs = new Map<number, number>();
  for (let k = 0; k < det.count; k++) releaseUs.set(det.client[k], det.tUs[k]);
  const firstLost = new Map<number, number[]>();
  for (const g of run.segments) {
    if (g.up || g.txUs[0] + d < t.crashAt(g.i) || firstLost.has(g.i)) continue;
    firstLost.set(g.i, g.txUs);
  }
  return { releaseUs, firstLost };
}

const EVENT_ROUNDS = { ...ALL_SHORTCUTS, quietRounds: false };

describe("on a loss-free link the sender never retransmits", () => {
  // Nothing is lost and nobody crashes, every ACK comes back within 2d + 40
  // ms (a delayed ACK) and the RTO is at least 200 ms: so Linux's transport
  // carries every message once, as the simple one does, and (pure ACKs not
  // being messages, constant delays drawing no random numbers) every output
  // but the event count and the fingerprint is the same.
  for (const s of [
    strategy({ name: "beats", initiator: "client", intervalUs: 30 * S, timeoutUs: 75 * S }),
    strategy({ name: "pings", initiator: "server", intervalUs: 30 * S, timeoutUs: 75 * S }),
    strategy({ name: "socketio", initiator: "server", intervalUs: 25 * S, schedule: "after-answer", detector: { kind: "answer", withinUs: 20 * S } }),
  ]) {
    it(`${s.name}: the outputs equal the simple transport's`, () => {
      const over = { count: 300, durationUs: 3600 * S, uplink: link(d), downlink: link(d), strategies: [s] };
      // rounds run at once over Linux's TCP would hide its ACKs and timers from the event count: off here
      const simple = runStrategy(plan({ ...over, transport: SIMPLE }), s, 0, undefined, EVENT_ROUNDS);
      const linux = runStrategy(plan({ ...over, transport: LINUX }), s, 0, undefined, EVENT_ROUNDS);
      const strip = (r: typeof simple) => ({ ...r.summary, events: 0, fingerprint: "" });
      expect(strip(linux)).toEqual(strip(simple));
      expect(linux.summary.events).toBeGreaterThan(simple.summary.events); // the ACKs and timers
    });
  }
});

describe("the handshake and the RTT estimate", () => {
  const s = strategy({ name: "pings", initiator: "server", intervalUs: 30 * S, timeoutUs: 75 * S });

  it("a CONNECT that never gets through goes at 0, 1, 3, 7, 15 s (the 1 s initial RTO doubling, as a SYN)", () => {
    const run = runWatched(lostConnects(s, tcpPlan(200 * MS, 120 * S, 4, "linux")), s);
    const first = run.segments.filter((g) => g.conn === 1);
    expect(first.length).toBe(20);
    for (const g of first) {
      expect(messageType(g.word)).toBe(MSG.CONNECT);
      // retries 4: the fifth transmission, at 15 s, is the last; the break comes one RTO (16 s) later, at 31 s
      expect(g.txUs.map((t) => (t - g.txUs[0]) / S)).toEqual([0, 1, 3, 7, 15]);
      const broke = run.breaks.find((b) => b.i === g.i && b.conn === 1)!;
      expect(broke.up).toBe(true);
      expect(broke.atUs - g.txUs[0]).toBe(31 * S);
    }
  });

  it("samples 2d each way when answers carry the ACKs and pauses bring quick ACKs: SRTT = 2d, RTO = 2d + 200 ms", () => {
    const p = plan({ count: 10, durationUs: 600 * S, uplink: link(d), downlink: link(d), transport: LINUX, strategies: [s] });
    const run = runWatched(p, s);
    const tcp = run.w.net.tcp as LinuxTcpTransport;
    for (let i = 0; i < 10; i++) {
      for (const up of [true, false]) {
        expect(tcp.srttUs(i, up)).toBe(2 * d);
        expect(tcp.rtoUs(i, up)).toBe(2 * d + 200 * MS);
      }
    }
  });
});

describe("delayed ACKs: a segment nobody answers is ACKed 40 ms after it arrives", () => {
  // Client heartbeats every 100 ms that the server does not answer (ack:
  // false), on loss-free links of delay d. The gap between heartbeats (100
  // ms) is shorter than the server's RTO (2d + 200 ms), so after the 16
  // quick ACKs of the connection's start each heartbeat's ACK waits for
  // the delayed-ACK timer (40 ms; no data goes back to carry it): every
  // sample is then 2d + 40 ms, and SRTT settles on exactly that.
  const s = strategy({ name: "beats", initiator: "client", intervalUs: 100 * MS, timeoutUs: 75 * S, ack: false });

  it("the client's SRTT settles at 2d + 40 ms; the server, which sends nothing but its CONNECT_ACK, keeps its one sample 2d", () => {
    const p = plan({ count: 10, durationUs: 60 * S, uplink: link(d), downlink: link(d), transport: LINUX, strategies: [s] });
    const run = runWatched(p, s);
    const tcp = run.w.net.tcp as LinuxTcpTransport;
    for (let i = 0; i < 10; i++) {
      expect(tcp.srttUs(i, true)).toBe(2 * d + 40 * MS);
      expect(tcp.srttUs(i, false)).toBe(2 * d);
    }
  });
});

describe("a segment never acknowledged: the tail probe, then the RTO doubling", () => {
  // Loss-free links of constant delay d: in steady state SRTT = 2d and the
  // variation term has decayed to rto_min, so R = RTO = 2d + 200 ms and the
  // probe timeout 2 SRTT + rto_min = 4d + 200 ms > R: the probe goes at R
  // (without backing off), the RTO is then armed from it (R again), and
  // each expiry doubles it. A ping to a crashed client therefore goes at
  // t0 + 0, R, 2R, 4R, 8R, 16R, ... until the server releases the client.
  const s = strategy({ name: "pings", initiator: "server", intervalUs: 30 * S, timeoutUs: 75 * S });
  const p = plan({
    count: 200,
    crash: { fraction: 0.5, fromUs: 600 * S, toUs: 3000 * S },
    uplink: link(d),
    downlink: link(d),
    transport: LINUX,
    strategies: [s],
  });
  const run = runWatched(p, s);
  const R = 2 * d + 200 * MS;

  it("the first unanswered ping of each crashed client goes at t0 + 0, R, 2R, 4R, 8R, ... up to the release", () => {
    const { releaseUs, firstLost } = firstUnanswered(run);
    expect(firstLost.size).toBe(run.w.crashes);
    for (const [i, txUs] of firstLost) {
      const t0 = txUs[0];
      const expected = [0, R, 2 * R, 4 * R, 8 * R, 16 * R, 32 * R, 64 * R, 128 * R].map((x) => t0 + x).filter((x) => x <= releaseUs.get(i)!);
      expect(txUs).toEqual(expected);
    }
  });
});

describe("the kernel's clock (HZ 250): every timer in whole jiffies, run by the timer wheel", () => {
  // The same crashed clients as above, at HZ 250 (4 ms jiffies): R = 2d +
  // 200 ms = 240 ms is 60 jiffies. Each timer armed at instant a for T
  // jiffies runs at the first multiple of g jiffies strictly after jiffy
  // floor(a / 4 ms) + T, g = 1 under 63 jiffies, 8 under 504, 64 under
  // 4032, 512 beyond (kernel/time/timer.c, calc_index). So the ping goes at
  // t0, then at the wheel's instants for R (the probe), R (the RTO armed
  // from it), 2R, 4R, ..., each armed when the one before ran.
  const s = strategy({ name: "pings", initiator: "server", intervalUs: 30 * S, timeoutUs: 75 * S });
  const HZ250 = tcpPlan(200 * MS, 120 * S, 15, "linux", 250);
  const J = 4 * MS;
  const wheel = (armedUs: number, timeoutUs: number) => {
    const t = Math.ceil(timeoutUs / J);
    const g = t < 63 ? 1 : t < 504 ? 8 : t < 4032 ? 64 : 512;
    return (Math.floor((Math.floor(armedUs / J) + t) / g) + 1) * g * J;
  };
  const R = 2 * d + 200 * MS;

  it("an unanswered ping goes at the wheel's instants for R, R, 2R, 4R, ... from t0", () => {
    const p = plan({ count: 200, crash: { fraction: 0.5, fromUs: 600 * S, toUs: 3000 * S }, uplink: link(d), downlink: link(d), transport: HZ250, strategies: [s] });
    const run = runWatched(p, s);
    const { releaseUs, firstLost } = firstUnanswered(run);
    expect(firstLost.size).toBe(run.w.crashes);
    let late = 0;
    for (const [i, txUs] of firstLost) {
      const expected = [txUs[0]];
      for (const nominal of [R, R, 2 * R, 4 * R, 8 * R, 16 * R, 32 * R, 64 * R, 128 * R]) {
        const next = wheel(expected[expected.length - 1], nominal);
        if (next > releaseUs.get(i)!) break;
        expected.push(next);
      }
      expect(txUs).toEqual(expected);
      late += txUs[1] - txUs[0] - R;
    }
    // the probe: 60 jiffies is level 0, so it runs 1 jiffy after its expiry, 0 to 4 ms late by the arming's phase
    expect(late / firstLost.size).toBeGreaterThan(0);
    expect(late / firstLost.size).toBeLessThanOrEqual(J);
  });

  it("a CONNECT that never gets through goes at the wheel's instants for 1, 2, 4, 8 s (a SYN's)", () => {
    const run = runWatched(lostConnects(s, tcpPlan(200 * MS, 120 * S, 4, "linux", 250)), s);
    const first = run.segments.filter((g) => g.conn === 1);
    expect(first.length).toBe(20);
    for (const g of first) {
      const expected = [g.txUs[0]];
      for (const nominal of [1, 2, 4, 8].map((x) => x * S)) expected.push(wheel(expected[expected.length - 1], nominal));
      expect(g.txUs).toEqual(expected);
      // the break: one more RTO (16 s) through the wheel after the last
      const broke = run.breaks.find((b) => b.i === g.i && b.conn === 1)!;
      expect(broke.atUs).toBe(wheel(expected[4], 16 * S));
    }
  });
});

describe("no message is lost over lossy links (Bernoulli p = 0.2 both ways, data and ACKs alike)", () => {
  // Long timeouts: nobody gives a connection up; every segment sent long
  // before the end is handed on exactly once, in order, whatever copies of it
  // (spurious retransmissions after a lost ACK) crossed the network.
  const s = strategy({ name: "c", initiator: "client", intervalUs: 30 * S, timeoutUs: 600 * S });
  const D = 3600 * S;
  const run = runWatched(
    plan({ count: 500, durationUs: D, uplink: link(d, 0.2), downlink: link(d, 0.2), reconnect: { connectTimeoutUs: 1000 * S }, transport: LINUX, strategies: [s] }),
    s,
  );

  it("every segment is handed on once, in send order; no release, no reconnect", () => {
    const settled = run.segments.filter((g) => g.txUs[0] < D - 300 * S);
    expect(settled.length).toBeGreaterThan(50_000);
    for (const g of settled) expect(Number.isFinite(g.deliveredUs)).toBe(true);
    for (const list of run.handedOn.values()) {
      for (let k = 1; k < list.length; k++) expect(list[k].seq).toBe(list[k - 1].seq + 1);
    }
    expect(run.w.rec.falsePositives).toBe(0);
    expect(run.w.rec.reconnects).toBe(0);
  });

  it("a lost ACK brings a spurious retransmission: more transmissions than the simple model's 1/(1 - p)", () => {
    const settled = run.segments.filter((g) => g.txUs[0] < D - 300 * S);
    const perSegment = settled.reduce((a, g) => a + g.txUs.length, 0) / settled.length;
    // data lost with p, and a delivered segment's ACK lost with p too (it rides on an answer or goes alone)
    expect(perSegment).toBeGreaterThan(1 / (1 - 0.2));
  });
});

describe("what became of the rounds asked to run at once (the counts npm run profile prints)", () => {
  it("turns down as lost exactly the rounds whose beat the link drops twice (the beat and its probe's copy): Bernoulli p² of those drawn", () => {
    const p = 0.05;
    const s = strategy({ name: "beats", initiator: "client", intervalUs: 30 * S, timeoutUs: 95 * S });
    const pl = plan({ count: 500, uplink: link(20 * MS, p), downlink: link(20 * MS), transport: LINUX, strategies: [s] });
    const w = new World(pl, s, 0, makePolicy(s), makeDetector(s));
    const counts = new Float64Array(ROUND_NAMES.length);
    (w.exchanges as LinuxTcpTransport).roundCounts = counts;
    w.sim.run(pl.durationUs);
    // the rounds that drew their beat: every one asked but those turned down before any draw (each round
    // counted once: one turned down ahead of its instant counts when asked again at its event)
    const drawn = counts.reduce((a, b) => a + b, 0) - counts[ROUND.BUSY] - counts[ROUND.PATH];
    expect(drawn).toBeGreaterThan(500 * 100);
    const within4sd = (count: number, q: number) => expect(Math.abs(count / drawn - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / drawn));
    // a lost beat runs at once through its probe's copy, unless the copy is lost too (p²), or the pure ACK of
    // the answer it brings (the client's, up the lossy link: p (1 - p) p), which leaves a second probe to the round
    within4sd(counts[ROUND.FIRST_LOST], p * p);
    within4sd(counts[ROUND.TWO_PROBES], p * (1 - p) * p);
    // the answers' link loses nothing and every delay is well inside a probe's: no answer lost, no segment
    // slower than its probe (the pure ACK goes up and may be lost: that is the answer's probe round)
    for (const why of [ROUND.ANSWER_LOST, ROUND.FIRST_SLOW, ROUND.ANSWER_SLOW, ROUND.BOUND]) expect(counts[why]).toBe(0);
    expect(counts[ROUND.AT_ONCE]).toBeGreaterThan(0.9 * drawn);
  });
});
