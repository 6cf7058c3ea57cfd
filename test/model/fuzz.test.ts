// Scenarios drawn across the schema's ranges, small and short, as a user
// could write them: every field that the schema takes, each combination the
// rules allow (TCP, outages, NAT, restarts, app traffic, radios, every delay
// and loss law, every detector, adaptive intervals, jitter, piggyback, a
// global tick). Each must load, run without an internal error, and give the
// same outcome with every exact shortcut on as with every one off. A failure
// prints the scenario fast-check shrank it to, and its seed
// (test/support/fast-check-seed.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/load.js";
import { expectShortcutsExact } from "../support/oracle.js";

// 150 scenarios in CI (about 12 s); FUZZ_RUNS=5000 FC_SEED=random npm test for a longer hunt
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const S = 1_000_000;
const us = (n: number) => `${n}us`;
/** a duration in [lo, hi] µs, as the file would give it */
const dur = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(us);

const delayLaw = fc.oneof(
  fc.record({ dist: fc.constant("constant"), value: dur(0, 2 * S) }),
  fc
    .tuple(fc.integer({ min: 0, max: 3 * S }), fc.integer({ min: 0, max: 30 * S }))
    .map(([min, width]) => ({ dist: "uniform", min: us(min), max: us(min + width) })),
  fc.record({ dist: fc.constant("normal"), mean: dur(0, 10 * S), sd: dur(0, 12 * S) }),
  fc
    .tuple(fc.integer({ min: 1000, max: 2 * S }), fc.double({ min: 1.01, max: 200, noNaN: true }))
    .map(([median, ratio]) => ({ dist: "lognormal", median: us(median), p99: us(Math.ceil(median * ratio) + 1) })),
  fc.record({ dist: fc.constant("lognormal"), mu: fc.double({ min: -6, max: 1, noNaN: true }), sigma: fc.double({ min: 0.01, max: 2.5, noNaN: true }) }),
  fc.record({ dist: fc.constant("exponential"), mean: dur(1, 10 * S) }),
  fc.record({ dist: fc.constant("pareto"), min: dur(1, 500_000), alpha: fc.double({ min: 0.6, max: 4, noNaN: true }) }),
);

const probability = (max: number) => fc.double({ min: 0, max, noNaN: true });
const lossLaw = fc.oneof(
  fc.constant({ model: "none" }),
  fc.record({ model: fc.constant("bernoulli"), p: probability(0.5) }),
  fc.record({
    model: fc.constant("gilbert-elliott"),
    pGoodToBad: probability(0.2),
    pBadToGood: fc.double({ min: 0.01, max: 1, noNaN: true }),
    lossGood: probability(0.05),
    lossBad: probability(1),
  }),
);
const link = fc.record({ delay: delayLaw, loss: lossLaw });

const detector = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "timeout" }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("missed"), threshold: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("phi"),
      threshold: fc.double({ min: 1, max: 12, noNaN: true }),
      window: fc.integer({ min: 1, max: 50 }),
      minStdDev: dur(10_000, 2 * S),
      acceptablePause: dur(0, 10 * S),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("freshness"), delta: dur(1, 60 * S) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("answer"), within: dur(1, 60 * S) }) },
);

/** a timeout longer than `over` µs: one µs longer, exactly twice, or anything up to four times */
const longerThan = (over: number) =>
  fc.oneof(fc.constant(over + 1), fc.constant(2 * over), fc.integer({ min: over + 1, max: 4 * over }));

const strategy = (name: string, traffic: boolean) =>
  fc
    .record({
      initiator: fc.constantFrom("client", "server"),
      intervalUs: fc.integer({ min: S, max: 120 * S }),
      detector,
      ack: fc.option(fc.boolean(), { nil: undefined }),
      jitter: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
      schedule: fc.option(fc.constantFrom("per-client", "global", "after-answer"), { nil: undefined }),
      piggyback: fc.boolean(),
      adaptive: fc.option(
        fc.record({ minUs: fc.integer({ min: S, max: 60 * S }), spanUs: fc.integer({ min: 1, max: 120 * S }), stepUs: fc.integer({ min: 1, max: 30 * S }), successes: fc.integer({ min: 1, max: 4 }) }),
        { nil: undefined, freq: 5 },
      ),
      timeoutOver: fc.integer({ min: 0, max: 2 }),
      clientTimeout: fc.boolean(),
      seedT: fc.integer({ min: 0, max: 2 ** 30 }),
    })
    .chain((d) => {
      const client = d.initiator === "client";
      const adaptive = client && d.adaptive !== undefined && d.ack !== false && d.detector.kind === "timeout" ? d.adaptive : undefined;
      const longest = adaptive ? adaptive.minUs + adaptive.spanUs : d.intervalUs;
      return fc.tuple(fc.constant(d), fc.constant(adaptive), longerThan(longest), longerThan(longest)).map(([d, adaptive, timeoutUs, clientTimeoutUs]) => {
        const fresh = d.detector.kind === "freshness";
        const s: Record<string, unknown> = { name, initiator: d.initiator, timeout: us(timeoutUs), detector: d.detector };
        if (adaptive) s.adaptive = { min: us(adaptive.minUs), max: us(adaptive.minUs + adaptive.spanUs), step: us(adaptive.stepUs), successes: adaptive.successes };
        else s.interval = us(d.intervalUs);
        if (d.clientTimeout) s.clientTimeout = us(clientTimeoutUs);
        if (client && d.ack !== undefined && !adaptive) s.ack = d.ack;
        // freshness credits heartbeats to a fixed grid, which after-answer pings do not keep
        if (!client && d.schedule !== undefined && !(fresh && d.schedule === "after-answer")) s.schedule = d.schedule;
        if (!fresh) {
          s.jitter = d.jitter;
          s.piggyback = d.piggyback;
        }
        if (fresh && traffic) s.detector = { kind: "timeout" };
        // the answer deadline times the server's pings: with client heartbeats the plain timeout instead
        if (client && d.detector.kind === "answer") s.detector = { kind: "timeout" };
        return s;
      });
    });

const scenario = fc
  .record({
    durationUs: fc.integer({ min: 60 * S, max: 1800 * S }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    replications: fc.integer({ min: 1, max: 3 }),
    count: fc.integer({ min: 1, max: 40 }),
    spreadUs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 * S })),
    crash: fc.option(fc.tuple(probability(1), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
    reconnect: fc.option(
      fc
        .record({
          delayUs: fc.integer({ min: 0, max: 5 * S }),
          backoff: fc.double({ min: 1, max: 4, noNaN: true }),
          moreUs: fc.integer({ min: 0, max: 300 * S }),
          jitter: probability(0.9),
          connectTimeout: dur(100_000, 30 * S),
        })
        .map(({ delayUs, moreUs, ...r }) => ({ delay: us(delayUs), maxDelay: us(delayUs + moreUs), ...r })),
      { nil: undefined },
    ),
    traffic: fc.option(fc.record({ meanInterval: dur(S, 600 * S) }), { nil: undefined, freq: 3 }),
    radio: fc.constantFrom("none", "lte", "3g", "wifi"),
    links: fc.oneof(fc.record({ link }), fc.record({ uplink: link, downlink: link })),
    outages: fc.option(fc.record({ meanUp: dur(10 * S, 1800 * S), meanDown: dur(S, 60 * S) }), { nil: undefined, freq: 3 }),
    nat: fc.option(dur(10 * S, 600 * S), { nil: undefined, freq: 3 }),
    tcp: fc.option(
      fc.record({
        model: fc.constantFrom("simple", "linux"),
        rtoMinUs: fc.integer({ min: 10_000, max: S }),
        spanUs: fc.integer({ min: 0, max: 120 * S }),
        retries: fc.integer({ min: 0, max: 15 }),
        // the Linux model's tick: its default (250) when not written, or each rate it takes
        hz: fc.constantFrom(undefined, 0, 100, 250, 1000),
      }),
      { nil: undefined, freq: 3 },
    ),
    restarts: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), dur(1, 60 * S)), { maxLength: 2 }),
    bucketUs: fc.integer({ min: 100_000, max: 60 * S }),
    strategies: fc.integer({ min: 1, max: 3 }),
    replication: fc.nat(),
  })
  .chain((d) => {
    const traffic = d.traffic !== undefined;
    const names = ["a", "b", "c"].slice(0, d.strategies);
    return fc.tuple(fc.constant(d), fc.tuple(...names.map((n) => strategy(n, traffic))));
  })
  .map(([d, strategies]) => {
    const D = d.durationUs;
    const clients: Record<string, unknown> = { count: d.count, connect: { spread: us(d.spreadUs) }, radio: d.radio };
    if (d.crash) {
      const [a, b] = [Math.floor(d.crash[1] * D), Math.floor(d.crash[2] * D)].sort((x, y) => x - y);
      clients.crash = { fraction: d.crash[0], between: [us(a), us(b)] };
    }
    if (d.reconnect) clients.reconnect = d.reconnect;
    if (d.traffic) clients.traffic = d.traffic;
    const network: Record<string, unknown> = { ...d.links };
    if (d.outages) network.outages = d.outages;
    if (d.nat) network.natIdleTimeout = d.nat;
    if (d.tcp) {
      const { model, rtoMinUs, spanUs, retries, hz } = d.tcp;
      network.transport = { kind: "tcp", model, rtoMin: us(rtoMinUs), rtoMax: us(rtoMinUs + spanUs), retries, ...(model === "linux" && hz !== undefined ? { hz } : {}) };
    }
    // restarts in time order, apart, each over before the end
    const restarts: { at: string; downFor: string }[] = [];
    let free = 0;
    for (const [share, downFor] of d.restarts) {
      const downUs = Number(downFor.slice(0, -2));
      const atUs = free + Math.floor(share * (D - free));
      if (atUs + downUs >= D) break;
      restarts.push({ at: us(atUs), downFor });
      free = atUs + downUs + 1;
    }
    return {
      json: {
        name: "fuzz",
        seed: d.seed,
        replications: d.replications,
        duration: us(D),
        clients,
        network,
        server: { restarts },
        strategies,
        metrics: { bucket: us(Math.min(d.bucketUs, D)) },
      },
      replication: d.replication % d.replications,
    };
  });

// Heartbeat rounds over Linux's TCP run at once only in their scope
// (src/model/shortcut-scope.ts: Socket.IO's shape, per-client pings without
// jitter or piggyback under the answer detector, and MQTT's, client beats
// ACKed, without jitter or an adaptive interval, under the timeout
// detector; no restarts), which the draws above reach a few times in a
// thousand: the same scenarios moved into it (a drawn client strategy stays
// one, piggyback as drawn; the rest become pings), everything else
// (outages, NAT, traffic, radios, every law, crashes, the kernel's clock,
// the TCP settings drawn) as drawn, but the default reconnects: over Linux's
// TCP a connect timeout shorter than a round trip with no reconnect delay is a
// storm of connections (the main property draws those).
const tcpRounds = scenario.map(({ json, replication }) => {
  const drawn = json.network.transport as { rtoMin: string; rtoMax: string; retries: number; hz?: number } | undefined;
  const transport = { kind: "tcp", model: "linux", ...(drawn ? { rtoMin: drawn.rtoMin, rtoMax: drawn.rtoMax, retries: drawn.retries, ...(drawn.hz !== undefined ? { hz: drawn.hz } : {}) } : {}) };
  const micros = (d: unknown) => Number(String(d).slice(0, -2));
  const strategies = json.strategies.map((s) => {
    const detector = s.detector as { kind: string; within?: string };
    // an adaptive client strategy has no interval: half its timeout
    const intervalUs = s.interval !== undefined ? micros(s.interval) : Math.floor(micros(s.timeout) / 2);
    const common = {
      name: s.name,
      interval: us(intervalUs),
      timeout: s.timeout,
      ...(s.clientTimeout !== undefined && micros(s.clientTimeout) > intervalUs ? { clientTimeout: s.clientTimeout } : {}),
    };
    if (s.initiator === "client") return { ...common, initiator: "client", ...(s.piggyback === true ? { piggyback: true } : {}) };
    return { ...common, initiator: "server", detector: { kind: "answer", within: detector.kind === "answer" ? detector.within : s.timeout } };
  });
  const { reconnect: _drawn, ...clients } = json.clients as Record<string, unknown>;
  return { json: { ...json, clients, network: { ...json.network, transport }, server: { restarts: [] }, strategies }, replication };
});

describe("fuzz: valid scenarios run, and the shortcuts change nothing", () => {
  it("every drawn scenario loads, runs without an internal error, and agrees with shortcuts on and off", () => {
    fc.assert(
      fc.property(scenario, ({ json, replication }) => {
        const plan = parseScenario(JSON.stringify(json), "fuzz.json");
        for (const s of plan.strategies) expectShortcutsExact(plan, s, replication);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it("so do scenarios moved into the scope of heartbeat rounds run at once over Linux's TCP", () => {
    fc.assert(
      fc.property(tcpRounds, ({ json, replication }) => {
        const plan = parseScenario(JSON.stringify(json), "fuzz.json");
        for (const s of plan.strategies) {
          expectShortcutsExact(plan, s, replication);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);

  it("the drawn scenarios reach every part of the model", () => {
    // a fuzzer that never draws TCP, a restart or a heavy tail would pass for nothing
    const seen = new Set<string>();
    for (const { json } of fc.sample(scenario, { numRuns: 150, seed: 1 })) {
      const n = json.network as Record<string, { kind?: string; model?: string; delay?: { dist: string } } | undefined>;
      if (n.transport?.kind === "tcp") seen.add(n.transport.model === "linux" ? "tcp linux" : "tcp");
      if (n.outages) seen.add("outages");
      if (n.natIdleTimeout) seen.add("nat");
      if (json.server.restarts.length > 0) seen.add("restarts");
      if ((json.clients as { traffic?: unknown }).traffic) seen.add("traffic");
      for (const l of [n.link, n.uplink, n.downlink]) if (l?.delay) seen.add(l.delay.dist);
      for (const s of json.strategies) {
        seen.add((s.detector as { kind: string }).kind);
        if (s.adaptive) seen.add("adaptive");
        seen.add(s.initiator as string);
      }
    }
    for (const part of ["tcp", "tcp linux", "outages", "nat", "restarts", "traffic", "constant", "uniform", "normal", "lognormal", "exponential", "pareto", "timeout", "missed", "phi", "freshness", "answer", "adaptive", "client", "server"]) {
      expect(seen, part).toContain(part);
    }
  });
});
