// A scenario using every field resolves to the Plan computed by hand from the
// rules: durations in µs, defaults filled, link directions, lognormal mu/sigma.
import { describe, expect, test } from "vitest";
import type { Plan } from "../../src/scenario/plan.js";
import { load, minimal, scenario } from "./fixtures.js";
import { S } from "../support/plan.js";

const full = {
  $schema: "./scenario.schema.json",
  name: "10k-mobile",
  description: "every field",
  seed: 42,
  replications: 3,
  duration: "1h",
  clients: {
    count: 10_000,
    connect: { spread: "60s" },
    crash: { fraction: 0.05, between: ["10m", "50m"] },
    reconnect: { delay: "500ms", backoff: 1.5, maxDelay: "2m30s", jitter: 0.25, connectTimeout: 5 },
  },
  network: {
    uplink: {
      delay: { dist: "lognormal", median: "80ms", p99: "600ms" },
      loss: { model: "gilbert-elliott", pGoodToBad: 0.01, pBadToGood: 0.3, lossGood: 0.002, lossBad: 0.4 },
    },
    downlink: { delay: { dist: "uniform", min: "10ms", max: "1.5s" }, loss: { model: "bernoulli", p: 0.02 } },
  },
  strategies: [
    { name: "server-30s", initiator: "server", interval: "30s", timeout: "75s", schedule: "global" },
    {
      name: "client-30s",
      initiator: "client",
      interval: 30,
      timeout: "1m15s",
      clientTimeout: "90s",
      ack: false,
      jitter: 0.1,
    },
    { name: "missed-3", initiator: "client", interval: "20s", detector: { kind: "missed", threshold: 3 } },
  ],
  metrics: { bucket: "250ms" },
  expect: {
    "client-30s": {
      false_positives: { max: 40 },
      detection_latency_p99_s: { approx: { value: 80, rel: 0.1 }, min: 1 },
    },
    "*": { missed: { eq: 0 } },
  },
};

const Z99 = 2.3263478740408408;

describe("a full scenario", () => {
  const plan = load(full);

  test("top level and clients", () => {
    expect(plan.name).toBe("10k-mobile");
    expect(plan.description).toBe("every field");
    expect(plan.seed).toBe(42);
    expect(plan.replications).toBe(3);
    expect(plan.durationUs).toBe(3600 * S);
    expect(plan.bucketUs).toBe(250_000);
    expect(plan.clients).toEqual({
      count: 10_000,
      connectSpreadUs: 60 * S,
      crash: { fraction: 0.05, fromUs: 600 * S, toUs: 3000 * S },
      reconnect: { delayUs: 500_000, backoff: 1.5, maxDelayUs: 150 * S, jitter: 0.25, connectTimeoutUs: 5 * S },
      radio: null,
    });
  });

  test("network: lognormal median/p99 become mu = ln(median s), sigma = (ln p99 - ln median) / z0.99", () => {
    const delay = plan.network.uplink.delay;
    expect(delay.dist).toBe("lognormal");
    if (delay.dist !== "lognormal") return;
    expect(delay.mu).toBeCloseTo(Math.log(0.08), 12);
    expect(delay.sigma).toBeCloseTo((Math.log(0.6) - Math.log(0.08)) / Z99, 12);
    // so the distribution's own p99 is back at 600 ms
    expect(Math.exp(delay.mu + Z99 * delay.sigma)).toBeCloseTo(0.6, 12);
    expect(plan.network.uplink.loss).toEqual({
      model: "gilbert-elliott",
      pGoodToBad: 0.01,
      pBadToGood: 0.3,
      lossGood: 0.002,
      lossBad: 0.4,
    });
    expect(plan.network.downlink).toEqual({
      delay: { dist: "uniform", minUs: 10_000, maxUs: 1_500_000 },
      loss: { model: "bernoulli", p: 0.02 },
    });
  });

  test("strategies, with defaults and the missed detector's derived timeouts", () => {
    expect(plan.strategies).toEqual([
      {
        name: "server-30s",
        initiator: "server",
        intervalUs: 30 * S,
        timeoutUs: 75 * S,
        clientTimeoutUs: 75 * S,
        ack: true,
        jitter: 0,
        schedule: "global",
        detector: { kind: "timeout" },
        piggyback: false,
        adaptive: null,
      },
      {
        name: "client-30s",
        initiator: "client",
        intervalUs: 30 * S,
        timeoutUs: 75 * S,
        clientTimeoutUs: 90 * S,
        ack: false,
        jitter: 0.1,
        schedule: "per-client",
        detector: { kind: "timeout" },
        piggyback: false,
        adaptive: null,
      },
      {
        // no timeout with "missed": (threshold + 1) * interval = 4 * 20 s
        name: "missed-3",
        initiator: "client",
        intervalUs: 20 * S,
        timeoutUs: 80 * S,
        clientTimeoutUs: 80 * S,
        ack: true,
        jitter: 0,
        schedule: "per-client",
        detector: { kind: "missed", threshold: 3 },
        piggyback: false,
        adaptive: null,
      },
    ]);
  });

  test("expectations: one per (strategy, column, op), in file order", () => {
    expect(plan.expect).toEqual([
      { strategy: "client-30s", column: "false_positives", bound: { op: "max", value: 40 }, over: "each" },
      { strategy: "client-30s", column: "detection_latency_p99_s", bound: { op: "approx", value: 80, rel: 0.1 }, over: "each" },
      { strategy: "client-30s", column: "detection_latency_p99_s", bound: { op: "min", value: 1 }, over: "each" },
      { strategy: "*", column: "missed", bound: { op: "eq", value: 0 }, over: "each" },
    ]);
  });

  test("the plan is deeply frozen", () => {
    const mutable = plan as { -readonly [K in keyof Plan]: unknown };
    expect(() => {
      mutable.seed = 7;
    }).toThrow(TypeError);
    expect(Object.isFrozen(plan.strategies)).toBe(true);
    expect(Object.isFrozen(plan.strategies[2].detector)).toBe(true);
    expect(Object.isFrozen(plan.network.uplink.loss)).toBe(true);
    expect(Object.isFrozen(plan.clients.crash)).toBe(true);
    expect(Object.isFrozen(plan.expect[1].bound)).toBe(true);
  });
});

describe("defaults of a minimal scenario", () => {
  const plan = load(minimal());

  test("top level, clients and metrics", () => {
    expect(plan.description).toBe("");
    expect(plan.seed).toBe(1);
    expect(plan.replications).toBe(1);
    expect(plan.bucketUs).toBe(S);
    expect(plan.expect).toEqual([]);
    expect(plan.clients).toEqual({
      count: 10,
      connectSpreadUs: 0,
      crash: { fraction: 0, fromUs: 0, toUs: 0 },
      reconnect: { delayUs: S, backoff: 2, maxDelayUs: 300 * S, jitter: 0.5, connectTimeoutUs: 10 * S },
      radio: null,
    });
    expect(plan.server).toEqual({ restarts: [] });
  });

  test('"link" stands for both directions, with no loss by default', () => {
    const link = { delay: { dist: "constant", valueUs: 40_000 }, loss: { model: "none" } };
    expect(plan.network).toEqual({
      uplink: link,
      downlink: link,
      natIdleTimeoutUs: 0,
      transport: { kind: "datagram" },
    });
  });

  test("lognormal in mu/sigma form is taken as given", () => {
    const p = load(
      scenario((s) => {
        s.network.link.delay = { dist: "lognormal", mu: -2.5, sigma: 0.8 };
      }),
    );
    expect(p.network.uplink.delay).toEqual({ dist: "lognormal", mu: -2.5, sigma: 0.8 });
  });

  test("the other delay distributions", () => {
    const delayOf = (delay: object) =>
      load(
        scenario((s) => {
          s.network.link.delay = delay;
        }),
      ).network.downlink.delay;
    expect(delayOf({ dist: "normal", mean: "50ms", sd: "10ms" })).toEqual({ dist: "normal", meanUs: 50_000, sdUs: 10_000 });
    expect(delayOf({ dist: "exponential", mean: 0.1 })).toEqual({ dist: "exponential", meanUs: 100_000 });
    expect(delayOf({ dist: "pareto", min: "20ms", alpha: 1.5 })).toEqual({ dist: "pareto", minUs: 20_000, alpha: 1.5 });
  });

  test("a client strategy without ack does not need a client timeout above the interval", () => {
    const p = load(
      scenario((s) => {
        s.strategies = [{ name: "c", initiator: "client", interval: "30s", timeout: "75s", ack: false, clientTimeout: "10s" }];
      }),
    );
    expect(p.strategies[0].clientTimeoutUs).toBe(10 * S);
  });
});
