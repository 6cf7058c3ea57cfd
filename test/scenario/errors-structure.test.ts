// Bad input caught by the schema: types, ranges, units, unknown keys. Each
// expected message follows "<file>: at <path>: expected <what>, found <what>".
import { describe, test } from "vitest";
import { expectError, scenario } from "./fixtures.js";

const DURATION = 'a duration such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or a number of seconds';
const POSITIVE_DURATION =
  'a duration > 0 such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or a positive number of seconds';

describe("top level", () => {
  test("not an object", () => {
    expectError("[1, 2]", "at (root): expected an object, found [1,2]");
    expectError("42", "at (root): expected an object, found 42");
  });

  test("a missing required field is found as nothing", () => {
    expectError(
      scenario((s) => delete s.name),
      'at name: expected a name made of a-z, 0-9, ".", "_" and "-", found nothing',
    );
  });

  test("a name with capitals", () => {
    expectError(
      scenario((s) => (s.name = "My Scenario")),
      'at name: expected a name made of a-z, 0-9, ".", "_" and "-", found "My Scenario"',
    );
  });

  test("seed and replications ranges", () => {
    expectError(scenario((s) => (s.seed = -1)), "at seed: expected an integer from 0 to 4,294,967,295, found -1");
    expectError(scenario((s) => (s.seed = 4294967296)), "at seed: expected an integer from 0 to 4,294,967,295, found 4294967296");
    expectError(scenario((s) => (s.replications = 1.5)), "at replications: expected an integer from 1 to 10,000, found 1.5");
  });

  test("a long value is cut in the message", () => {
    const name = "X".repeat(60);
    expectError(
      scenario((s) => (s.name = name)),
      `at name: expected a name made of a-z, 0-9, ".", "_" and "-", found "${"X".repeat(36)}...`,
    );
  });

  test("unknown keys, with and without a hint", () => {
    expectError(scenario((s) => (s.strategy = [])), 'at (root): unknown key "strategy" (did you mean "strategies"?)');
    expectError(scenario((s) => (s.servers = {})), 'at (root): unknown key "servers" (did you mean "server"?)');
    expectError(scenario((s) => (s.radio = "lte")), 'at (root): unknown key "radio"');
  });
});

describe("durations", () => {
  test("a bad unit names the accepted forms", () => {
    expectError(scenario((s) => (s.duration = "30 sec")), `at duration: expected ${POSITIVE_DURATION}, found "30 sec"`);
  });

  test("zero where a positive duration is needed", () => {
    expectError(scenario((s) => (s.duration = "0s")), `at duration: expected ${POSITIVE_DURATION}, found "0s"`);
    expectError(
      scenario((s) => (s.strategies[0].interval = 0)),
      `at strategies[0].interval: expected ${POSITIVE_DURATION}, found 0`,
    );
  });

  test("negative, or of the wrong type", () => {
    expectError(scenario((s) => (s.clients.connect = { spread: -5 })), `at clients.connect.spread: expected ${DURATION}, found -5`);
    expectError(scenario((s) => (s.clients.connect = { spread: true })), `at clients.connect.spread: expected ${DURATION}, found true`);
  });

  test("more than 100 years", () => {
    expectError(
      scenario((s) => (s.duration = "36526d")),
      'at duration: expected a duration of at most 100 years (3155760000000000us), found "36526d"',
    );
  });
});

describe("clients", () => {
  test("count", () => {
    expectError(scenario((s) => (s.clients.count = "10")), 'at clients.count: expected an integer from 1 to 10,000,000, found "10"');
    expectError(scenario((s) => (s.clients.count = 0)), "at clients.count: expected an integer from 1 to 10,000,000, found 0");
    expectError(scenario((s) => (s.clients = {})), "at clients.count: expected an integer from 1 to 10,000,000, found nothing");
  });

  test("a misspelt key is reported rather than the key it hides", () => {
    expectError(scenario((s) => (s.clients = { cuont: 5 })), 'at clients: unknown key "cuont" (did you mean "count"?)');
  });

  test("crash window and fraction", () => {
    expectError(
      scenario((s) => (s.clients.crash = { fraction: 1.5, between: ["1m", "2m"] })),
      "at clients.crash.fraction: expected a number from 0 to 1, found 1.5",
    );
    expectError(
      scenario((s) => (s.clients.crash = { fraction: 0.1, between: ["1m"] })),
      'at clients.crash.between: expected a [from, to] pair of durations such as ["10m", "50m"], found ["1m"]',
    );
    expectError(
      scenario((s) => (s.clients.crash = { fraction: 0.1 })),
      'at clients.crash.between: expected a [from, to] pair of durations such as ["10m", "50m"], found nothing',
    );
  });

  test("reconnect", () => {
    expectError(scenario((s) => (s.clients.reconnect = { backoff: 0.5 })), "at clients.reconnect.backoff: expected a number >= 1, found 0.5");
    expectError(
      scenario((s) => (s.clients.reconnect = { connectTimeout: "0ms" })),
      `at clients.reconnect.connectTimeout: expected ${POSITIVE_DURATION}, found "0ms"`,
    );
  });
});

describe("network", () => {
  test("an unknown delay distribution lists the known ones", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "gauss", mean: "1s" })),
      'at network.link.delay.dist: expected one of constant, uniform, normal, lognormal, exponential, pareto, found "gauss"',
    );
    expectError(
      scenario((s) => (s.network.link.delay = { value: "1s" })),
      "at network.link.delay.dist: expected one of constant, uniform, normal, lognormal, exponential, pareto, found nothing",
    );
  });

  test("a delay that is not an object", () => {
    expectError(
      scenario((s) => (s.network.link.delay = "40ms")),
      'at network.link.delay: expected a delay distribution object such as {"dist": "constant", "value": "40ms"}, found "40ms"',
    );
  });

  test("a field of another distribution is an unknown key", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "constant", value: "1ms", sd: "1ms" })),
      'at network.link.delay: unknown key "sd"',
    );
  });

  test("loss models", () => {
    expectError(
      scenario((s) => (s.network.link.loss = { model: "bernoulli", p: 1.5 })),
      "at network.link.loss.p: expected a number from 0 to 1, found 1.5",
    );
    expectError(
      scenario((s) => (s.network.link.loss = { model: "burst" })),
      'at network.link.loss.model: expected one of none, bernoulli, gilbert-elliott, found "burst"',
    );
    expectError(
      scenario((s) => (s.network.link.loss = { model: "gilbert-elliott", pGoodToBad: 0.1, pBadToGood: 0.1, lossGood: 0 })),
      "at network.link.loss.lossBad: expected a number from 0 to 1, found nothing",
    );
  });

  test("pareto and exponential need positive parameters", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "pareto", min: "1ms", alpha: 0 })),
      "at network.link.delay.alpha: expected a number > 0, found 0",
    );
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "exponential", mean: 0 })),
      `at network.link.delay.mean: expected ${POSITIVE_DURATION}, found 0`,
    );
  });

  test("an unknown network key suggests the closest one", () => {
    expectError(
      scenario((s) => (s.network.outage = { meanUp: "30m", meanDown: "20s" })),
      'at network: unknown key "outage" (did you mean "outages"?)',
    );
  });
});

describe("strategies", () => {
  test("missing, empty, not an array", () => {
    expectError(scenario((s) => delete s.strategies), "at strategies: expected an array of strategies, found nothing");
    expectError(scenario((s) => (s.strategies = [])), "at strategies: expected at least one strategy, found []");
  });

  test("initiator", () => {
    expectError(
      scenario((s) => (s.strategies[0].initiator = "both")),
      'at strategies[0].initiator: expected one of "server", "client", found "both"',
    );
  });

  test("jitter must stay below 1", () => {
    expectError(scenario((s) => (s.strategies[0].jitter = 1)), "at strategies[0].jitter: expected a number >= 0 and < 1, found 1");
  });

  test("detector", () => {
    expectError(
      scenario((s) => (s.strategies[0].detector = { kind: "phy", threshold: 8 })),
      'at strategies[0].detector.kind: expected one of timeout, missed, phi, freshness, answer, found "phy"',
    );
    expectError(
      scenario((s) => (s.strategies[0].detector = { kind: "missed", threshold: 0 })),
      "at strategies[0].detector.threshold: expected an integer from 1 to 1,000,000, found 0",
    );
  });

  test("an unknown strategy key", () => {
    expectError(
      scenario((s) => (s.strategies[0].piggyBack = true)),
      'at strategies[0]: unknown key "piggyBack" (did you mean "piggyback"?)',
    );
    expectError(
      scenario((s) => (s.strategies[0].timout = "75s")),
      'at strategies[0]: unknown key "timout" (did you mean "timeout"?)',
    );
  });
});

describe("expect", () => {
  test("an unknown column suggests the closest numeric column", () => {
    expectError(
      scenario((s) => (s.expect = { s: { false_positive: { max: 1 } } })),
      'at expect.s: unknown key "false_positive" (did you mean "false_positives"?)',
    );
  });

  test("a text column cannot be bounded", () => {
    expectError(scenario((s) => (s.expect = { s: { fingerprint: { eq: 1 } } })), 'at expect.s: unknown key "fingerprint"');
  });

  test("bounds need at least one of min, max, eq, approx", () => {
    expectError(
      scenario((s) => (s.expect = { s: { missed: {} } })),
      "at expect.s.missed: expected at least one of min, max, eq, approx, found {}",
    );
    expectError(
      scenario((s) => (s.expect = { "*": { missed: { approx: { value: 1, rel: -0.1 } } } })),
      'at expect["*"].missed.approx.rel: expected a number >= 0, found -0.1',
    );
    expectError(
      scenario((s) => (s.expect = { s: { missed: { eq: "0" } } })),
      'at expect.s.missed.eq: expected a number, found "0"',
    );
  });
});
