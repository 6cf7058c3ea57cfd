// The TCP transport through the whole model, against closed forms derived
// from its rules: a transmission is lost with probability p independently,
// a lost one is retransmitted after rtoMin, 2 rtoMin, 4 rtoMin, ... (capped
// at rtoMax), so a segment takes K + 1 transmissions with K geometric,
// P(K = k) = p^k (1 - p), and arrives T_K + d after it was sent, with
// T_k = rtoMin (2^k - 1) before the cap (transmissionAtUs). Segments are
// handed on in order; after `retries` lost retransmissions the sender breaks.
import { describe, expect, it } from "vitest";
import { MSG, messageType } from "../../src/model/messages.js";
import { Outages } from "../../src/net/outages.js";
import { giveUpAfterUs, transmissionAtUs } from "../../src/net/tcp.js";
import { ClientStreams } from "../../src/random/counter-rng.js";
import { streamKey } from "../../src/random/keys.js";
import type { LinkPlan, Plan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";
import { runWatched, tcpPlan, type Segment } from "../support/tcp.js";

const LINUX = tcpPlan(200_000, 120 * S, 15);
const d = 20_000;

/** mean and variance of f(K) for K geometric (P(K = k) = p^k (1 - p)), truncated at retries (its tail is negligible here) */
function geometricMoments(p: number, retries: number, f: (k: number) => number): { mean: number; variance: number } {
  let m1 = 0;
  let m2 = 0;
  for (let k = 0; k <= retries; k++) {
    const pk = Math.pow(p, k) * (1 - p);
    m1 += pk * f(k);
    m2 += pk * f(k) * f(k);
  }
  return { mean: m1, variance: m2 - m1 * m1 };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe("loss becomes delay (Bernoulli p = 0.2 both ways, Linux RTOs)", () => {
  // 1000 clients, client heartbeats every 30 s with ACKs, for an hour. The
  // timeouts (600 s) and connectTimeout (1000 s) lie far beyond any delay
  // the RTOs make likely (10 losses in a row: p^10 = 1e-7 per segment), so
  // no end ever gives a connection up: nothing may be lost.
  const p = 0.2;
  const D = 3600 * S;
  const s = strategy({ name: "c", initiator: "client", intervalUs: 30 * S, timeoutUs: 600 * S });
  const lossy: LinkPlan = link(d, p);
  const run = runWatched(
    plan({
      count: 1000,
      durationUs: D,
      uplink: lossy,
      downlink: lossy,
      reconnect: { connectTimeoutUs: 1000 * S },
      transport: LINUX,
      strategies: [s],
    }),
    s,
  );
  const segs = run.segments;
  const settled = segs.filter((g) => g.txUs[0] < D - 300 * S); // long before the end: nothing may be pending

  it("no message is lost: every segment sent is handed on, exactly once; no release, no reconnect", () => {
    expect(settled.length).toBeGreaterThan(200_000);
    expect(settled.filter((g) => Number.isNaN(g.deliveredUs))).toEqual([]);
    const hbs = settled.filter((g) => g.up && messageType(g.word) === MSG.HB);
    // beats every 30 s from connecting (within the first 30 s) until 3300 s: 108 or 109 per client
    expect(hbs.length).toBeGreaterThanOrEqual(1000 * 108);
    expect(hbs.length).toBeLessThanOrEqual(1000 * 109);
    expect(run.w.rec.falsePositives).toBe(0);
    expect(run.w.rec.reconnects).toBe(0);
    expect(run.breaks).toEqual([]);
  });

  it("transmissions per segment: 1/(1 - p) on average (geometric), within 4 standard errors", () => {
    const m = geometricMoments(p, 15, (k) => k + 1);
    expect(m.mean).toBeCloseTo(1 / (1 - p), 9);
    for (const up of [true, false]) {
      const n = settled.filter((g) => g.up === up).map((g) => g.txUs.length);
      expect(Math.abs(mean(n) - m.mean)).toBeLessThan(4 * Math.sqrt(m.variance / n.length));
    }
  });

  it("each transmission goes one RTO after the previous, and the arrival d after the last", () => {
    const off = settled.filter(
      (g) => g.arrivedUs !== g.txUs[g.txUs.length - 1] + d || g.txUs.some((t, k) => t !== transmissionAtUs(LINUX, g.txUs[0], k)),
    );
    expect(off).toEqual([]);
  });

  it("the extra delay of a segment averages sum_k p^k (1 - p) T_k, rtoMin p/(1 - 2p) = 66.7 ms here", () => {
    const m = geometricMoments(p, 15, (k) => transmissionAtUs(LINUX, 0, k));
    expect(m.mean / S).toBeCloseTo((0.2 * p) / (1 - 2 * p), 4); // the cap and the retry limit (k >= 10) weigh p^10
    const extra = settled.map((g) => g.arrivedUs - g.txUs[0] - d);
    expect(Math.abs(mean(extra) - m.mean)).toBeLessThan(4 * Math.sqrt(m.variance / extra.length));
  });

  it("every transmission counts as a message sent: client_tx and the server's messages out", () => {
    const tx = (up: boolean) => segs.filter((g) => g.up === up).reduce((a, g) => a + g.txUs.length, 0);
    expect(run.w.rec.clientTx).toBe(tx(true));
    expect(run.w.rec.serverOut).toBe(tx(false)); // no CLOSE or RESET: nothing was released
    // messages sent = segments / (1 - p) in expectation
    const up = segs.filter((g) => g.up).length;
    const sd = Math.sqrt(geometricMoments(p, 15, (k) => k + 1).variance * up);
    expect(Math.abs(run.w.rec.clientTx - up / (1 - p))).toBeLessThan(4 * sd);
  });
});

describe("in-order delivery (heavy loss, lognormal delays that reorder on their own)", () => {
  // beats every second, 30% loss, one-way delay lognormal with median 50 ms
  // and p99 2 s: segments overtake each other on the link and behind lost ones
  const lognormal: LinkPlan = {
    delay: { dist: "lognormal", mu: Math.log(0.05), sigma: (Math.log(2) - Math.log(0.05)) / 2.326 },
    loss: { model: "bernoulli", p: 0.3 },
  };
  const s = strategy({ name: "c", initiator: "client", intervalUs: 1 * S, timeoutUs: 600 * S });
  const run = runWatched(
    plan({
      count: 200,
      durationUs: 600 * S,
      uplink: lognormal,
      downlink: lognormal,
      reconnect: { connectTimeoutUs: 1000 * S },
      transport: LINUX,
      strategies: [s],
    }),
    s,
  );

  it("each direction hands segments on in send order, each at max(its arrival, the previous hand-over)", () => {
    let held = 0;
    let overtaken = 0;
    const wrong: Segment[] = [];
    for (const list of run.handedOn.values()) {
      let previous = -Infinity;
      list.forEach((g: Segment, k) => {
        if (g.seq !== k || g.deliveredUs !== Math.max(g.arrivedUs, previous)) wrong.push(g);
        if (g.deliveredUs > g.arrivedUs) held++;
        if (k > 0 && g.arrivedUs < list[k - 1].arrivedUs) overtaken++;
        previous = g.deliveredUs;
      });
    }
    expect(wrong).toEqual([]);
    expect(run.handedOn.size).toBe(2 * 200); // one connection per client, both ways: nobody reconnected
    // the case is exercised: many segments arrived ahead of their turn and waited
    expect(overtaken).toBeGreaterThan(1000);
    expect(held).toBeGreaterThan(1000);
  });
});

describe("a direction that loses everything breaks after retries + 1 transmissions", () => {
  // retries 3, RTOs 1, 2, 4, 8 s: transmissions at 0, 1, 3, 7 s, broken at 15 s
  const tcp = tcpPlan(1 * S, 8 * S, 3);
  const D = 3600 * S;
  const base = (uplink: LinkPlan, downlink: LinkPlan, initiator: "client" | "server"): Plan => {
    const s = strategy({ name: "x", initiator });
    return plan({
      count: 50,
      durationUs: D,
      connectSpreadUs: 0,
      uplink,
      downlink,
      reconnect: { delayUs: 1 * S, backoff: 1, jitter: 0, connectTimeoutUs: 100 * S },
      transport: tcp,
      strategies: [s],
    });
  };

  it("uplink: the client's CONNECT goes 4 times, the client breaks 15 s after the first and reconnects 1 s later", () => {
    expect(giveUpAfterUs(tcp)).toBe(15 * S);
    const p = base(link(d, 1), link(d), "client");
    const run = runWatched(p, p.strategies[0]);
    const cycle = 16 * S; // 15 s to the break, 1 s reconnect delay
    const attempts = Math.ceil(D / cycle); // 225, the last one's 4 transmissions before D
    expect(run.w.rec.clientTx).toBe(50 * attempts * 4);
    expect(run.w.rec.reconnects).toBe(50 * (attempts - 1));
    for (const g of run.segments) expect(g.txUs.map((t) => (t - g.txUs[0]) / S)).toEqual([0, 1, 3, 7]);
    expect(run.breaks.length).toBe(50 * attempts);
    for (const b of run.breaks) {
      expect(b.up).toBe(true);
      expect(b.atUs).toBe((b.conn - 1) * cycle + 15 * S);
    }
  });

  it("downlink: the server drops the connection 15 s after accepting it, an unreachable release without CLOSE", () => {
    // the CONNECT arrives at d; its CONNECT_ACK never does; the client gives
    // the attempt up at its connectTimeout (100 s) and tries again 1 s later
    const p = base(link(d), link(d, 1), "server");
    const run = runWatched(p, p.strategies[0]);
    const cycle = 101 * S;
    const accepts = Math.ceil((D - d) / cycle); // 36
    const rec = run.w.rec;
    expect(rec.falsePositives).toBe(50 * accepts);
    expect(rec.falsePositivesUnreachable).toBe(50 * accepts);
    expect(rec.serverOut).toBe(50 * accepts * 4); // CONNECT_ACK 4 times, nothing else
    const det = rec.detections();
    for (let k = 0; k < det.count; k++) expect((det.tUs[k] - d - 15 * S) % cycle).toBe(0);
    expect(run.breaks.every((b) => !b.up)).toBe(true);
  });
});

describe("retransmissions only while the sender's end has the connection", () => {
  // server pings every 30 s, released after 75 s of silence, loss-free links;
  // half the clients crash. A crashed client sends nothing more, and the
  // pings it never acknowledges are retransmitted at T_k after they were
  // sent until the server releases it (an RTO falling exactly on the
  // deadline still fires: deadlines run last in their instant).
  const s = strategy({ name: "s", initiator: "server", intervalUs: 30 * S, timeoutUs: 75 * S });
  const p = plan({
    count: 400,
    crash: { fraction: 0.5, fromUs: 600 * S, toUs: 3000 * S },
    uplink: link(d),
    downlink: link(d),
    transport: LINUX,
    strategies: [s],
  });
  const run = runWatched(p, s);

  it("crashed clients stop sending; their pings go out at T_0, T_1, ... up to the release, and never arrive", () => {
    const t = run.w.state;
    const det = run.w.rec.detections();
    const releaseUs = new Map<number, number>();
    for (let k = 0; k < det.count; k++) {
      expect(det.crashed[k]).toBe(1);
      releaseUs.set(det.client[k], det.tUs[k]);
    }
    let unanswered = 0;
    for (const g of run.segments) {
      const crash = t.crashAt(g.i);
      if (g.up) {
        expect(g.txUs.every((u) => u < crash)).toBe(true);
        continue;
      }
      if (g.txUs[0] + d < crash) continue;
      unanswered++;
      const release = releaseUs.get(g.i)!;
      const expected: number[] = [];
      for (let k = 0; k <= LINUX.retries && transmissionAtUs(LINUX, g.txUs[0], k) <= release; k++) {
        expected.push(transmissionAtUs(LINUX, g.txUs[0], k));
      }
      expect(g.txUs).toEqual(expected);
      expect(Number.isNaN(g.arrivedUs)).toBe(true);
    }
    expect(releaseUs.size).toBe(run.w.crashes);
    // the last ping answered went at p0; the release comes at p0 + 2d + 75 s: the pings at p0 + 30 s and p0 + 60 s go unanswered
    expect(unanswered).toBe(2 * run.w.crashes);
  });
});

describe("outages: each transmission meets the path as it is at its own instant", () => {
  // loss-free links, paths down 30 s on average every 5 min: a transmission
  // is lost exactly when its instant falls in a down period, so every
  // transmission but a segment's last was made while down, and the last one
  // of a segment that arrived was made while up. The same outage stream,
  // replayed beside the run, says which instants were down.
  const outages = { meanUpUs: 300 * S, meanDownUs: 30 * S };
  const s = strategy({ name: "c", initiator: "client", intervalUs: 30 * S, timeoutUs: 120 * S });
  const base = plan({ count: 300, durationUs: 3600 * S, uplink: link(d), downlink: link(d), transport: LINUX, strategies: [s] });
  const p: Plan = { ...base, network: { ...base.network, outages } };
  const run = runWatched(p, s);

  it("lost iff the path is down at the transmission's instant", () => {
    const replay = new Outages(outages, new ClientStreams(streamKey(p.seed, 0, "outages"), 300, true), 300);
    const asked: { i: number; t: number; down: boolean | null }[] = [];
    for (const g of run.segments) {
      const last = g.txUs.length - 1;
      g.txUs.forEach((t, k) => asked.push({ i: g.i, t, down: k < last ? true : Number.isNaN(g.arrivedUs) ? null : false }));
    }
    asked.sort((a, b) => a.i - b.i || a.t - b.t); // the outage process is asked forward in time, per client
    const wrong = asked.filter((q) => q.down !== null && replay.isDown(q.i, q.t) !== q.down);
    expect(wrong).toEqual([]);
    const retransmitted = run.segments.filter((g) => g.txUs.length > 1).length;
    expect(retransmitted).toBeGreaterThan(500); // outages did bite
  });
});

describe("a server down in a restart acknowledges nothing", () => {
  // loss-free links; the server is down over [1000 s, 1030 s). A heartbeat
  // transmission arriving in that window is lost and retransmitted at T_k
  // after the first; the first one arriving after 1030 s reaches a server
  // that forgot the connection, which answers RESET: every client reconnects once.
  const s = strategy({ name: "c", initiator: "client", intervalUs: 60 * S, timeoutUs: 150 * S });
  const base = plan({
    count: 300,
    durationUs: 1500 * S,
    connectSpreadUs: 60 * S, // heartbeat phases uniform over the interval
    uplink: link(d),
    downlink: link(d),
    transport: LINUX,
    strategies: [s],
  });
  const p: Plan = { ...base, server: { restarts: [{ atUs: 1000 * S, downForUs: 30 * S }] } };
  const run = runWatched(p, s);

  it("arrivals in the down window become retransmissions, the first one after it gets through", () => {
    const downFrom = 1000 * S;
    const downUntil = 1030 * S;
    let retried = 0;
    const wrong: Segment[] = [];
    for (const g of run.segments.filter((x) => x.up)) {
      const first = g.txUs[0];
      let k = 0;
      while (first + transmissionAtUs(LINUX, 0, k) + d >= downFrom && first + transmissionAtUs(LINUX, 0, k) + d < downUntil) k++;
      const expected = Array.from({ length: k + 1 }, (_, m) => transmissionAtUs(LINUX, first, m));
      if (g.txUs.join() !== expected.join() || g.arrivedUs !== expected[k] + d) wrong.push(g);
      if (k > 0) retried++;
    }
    expect(wrong).toEqual([]);
    expect(retried).toBeGreaterThan(110); // 300 · 30/60 = 150 heartbeats on average fall in the window
    expect(run.w.rec.reconnects).toBe(300);
  });
});

describe("a NAT timeout below the heartbeat interval, over TCP", () => {
  // as over datagrams (test/model/path.test.ts): the heartbeat goes out
  // through a fresh mapping, reaches the server as a stranger's and meets
  // RESET: a cycle of CONNECT, ACK, η, HB, RESET and the 1 s reconnect wait
  const nat = 120 * S;
  const eta = 300 * S;
  const s = strategy({ name: "c", initiator: "client", intervalUs: eta, timeoutUs: 700 * S, clientTimeoutUs: 700 * S });
  const D = 7200 * S;
  const base = plan({
    count: 100,
    durationUs: D,
    connectSpreadUs: 0,
    uplink: link(d),
    downlink: link(d),
    reconnect: { delayUs: 1 * S, jitter: 0 },
    transport: LINUX,
    strategies: [s],
  });
  const p: Plan = { ...base, network: { ...base.network, natIdleTimeoutUs: nat } };

  it("each heartbeat meets RESET and costs a reconnect; the server releases nobody", () => {
    const run = runWatched(p, s);
    const cycle = eta + 4 * d + 1 * S;
    const attempts = Math.ceil(D / cycle);
    expect(run.w.rec.reconnects).toBe(100 * (attempts - 1));
    expect(run.w.rec.falsePositives).toBe(0);
    expect(run.breaks).toEqual([]);
  });
});
