// Bad input that only shows when fields are read together: the rules of
// checks*.ts. Durations in these messages are normalised ("30s", "1m15s").
import { describe, test } from "vitest";
import { expectError, expectErrors, type Json, scenario } from "./fixtures.js";

const link = { delay: { dist: "constant", value: "40ms" } };

describe("timeouts that would kill every connection", () => {
  const serverGone = "every connection would be released between two heartbeats";
  const clientGone = "every client would drop its connection between two heartbeats";
  test.each<[string, (s: Json) => void, string]>([
    [
      "timeout equal to the interval",
      (s) => (s.strategies[0].timeout = "30s"),
      `at strategies[0].timeout: expected a timeout longer than the interval (30s), found 30s: ${serverGone}`,
    ],
    [
      "timeout shorter than the interval, given in seconds",
      (s) => (s.strategies[0].timeout = 20),
      `at strategies[0].timeout: expected a timeout longer than the interval (30s), found 20s: ${serverGone}`,
    ],
    [
      "clientTimeout when the client watches a server that pings",
      (s) => (s.strategies[0].clientTimeout = "20s"),
      `at strategies[0].clientTimeout: expected a clientTimeout longer than the interval (30s), found 20s: ${clientGone}`,
    ],
    [
      "clientTimeout of a client strategy with acks",
      (s) => (s.strategies = [{ name: "c", initiator: "client", interval: "1m", timeout: "2m", clientTimeout: "1m" }]),
      `at strategies[0].clientTimeout: expected a clientTimeout longer than the interval (1m), found 1m: ${clientGone}`,
    ],
  ])("%s", (_name, edit, message) => {
    expectError(scenario(edit), message);
  });

  test('with "missed", a short timeout is reported where it was written, since clientTimeout defaults to it', () => {
    expectError(
      scenario(
        (s) =>
          (s.strategies = [
            { name: "m", initiator: "client", interval: "30s", timeout: "20s", detector: { kind: "missed", threshold: 2 } },
          ]),
      ),
      "at strategies[0].timeout: expected a timeout longer than the interval (30s), as clientTimeout defaults to it, " +
        "found 20s: every client would drop its connection between two heartbeats",
    );
  });

  test('timeout is required with the "timeout" detector', () => {
    expectError(
      scenario((s) => delete s.strategies[0].timeout),
      'at strategies[0].timeout: expected a timeout (required with the "timeout" detector), found nothing',
    );
  });
});

describe("fields for the other initiator", () => {
  test("ack on a server strategy", () => {
    expectError(
      scenario((s) => (s.strategies[0].ack = true)),
      'at strategies[0].ack: expected nothing ("ack" applies to client-initiated strategies only: ' +
        "a client always answers a server ping), found true",
    );
  });

  test("schedule on a client strategy", () => {
    expectError(
      scenario(
        (s) => (s.strategies = [{ name: "c", initiator: "client", interval: "30s", timeout: "75s", schedule: "global" }]),
      ),
      'at strategies[0].schedule: expected nothing ("schedule" applies to server-initiated strategies only), found "global"',
    );
  });
});

test("duplicate strategy names point at the second one", () => {
  expectError(
    scenario((s) => s.strategies.push({ ...s.strategies[0] })),
    'at strategies[1].name: expected a name no other strategy uses, found "s": strategies[0] has the same name',
  );
});

describe("clients", () => {
  test("a crash window that ends before it starts", () => {
    expectError(
      scenario((s) => (s.clients.crash = { fraction: 0.1, between: ["50m", "10m"] })),
      "at clients.crash.between[0]: expected a start no later than the end of the window (10m), found 50m",
    );
  });

  test("a crash window past the end of the run", () => {
    expectError(
      scenario((s) => (s.clients.crash = { fraction: 0.1, between: ["10m", "2h"] })),
      "at clients.crash.between[1]: expected a time within the run's duration (1h), found 2h",
    );
  });

  test("maxDelay below the (default) reconnect delay", () => {
    expectError(
      scenario((s) => (s.clients.reconnect = { maxDelay: "500ms" })),
      "at clients.reconnect.maxDelay: expected a maxDelay no shorter than the reconnect delay (1s), found 500ms",
    );
  });
});

describe("network", () => {
  test("link together with uplink", () => {
    expectError(
      scenario((s) => (s.network.uplink = link)),
      'at network.uplink: expected nothing here when "link" is given (use either "link" or both "uplink" and "downlink"), ' +
        // the found value is cut to 40 characters
        'found {"delay":{"dist":"constant","value":"...',
    );
  });

  test("uplink without downlink", () => {
    expectError(
      scenario((s) => (s.network = { uplink: link })),
      'at network.downlink: expected a link model (with "uplink" given, "downlink" is required too; or use "link" for both), found nothing',
    );
  });

  test("no link at all", () => {
    expectError(scenario((s) => (s.network = {})), 'at network: expected either "link", or both "uplink" and "downlink", found {}');
  });

  test("uniform with max below min", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "uniform", min: "100ms", max: "50ms" })),
      "at network.link.delay.max: expected a duration no shorter than min (100ms), found 50ms",
    );
  });

  test("lognormal: a mix of the two forms", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "lognormal", median: "80ms", p99: "600ms", mu: -2 })),
      "at network.link.delay.mu: expected nothing here alongside median/p99 (lognormal takes median and p99, " +
        "or mu and sigma, not a mix), found -2",
    );
  });

  test("lognormal: half of a form", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "lognormal", mu: -2 })),
      "at network.link.delay.sigma: expected a number (lognormal takes median and p99, or mu and sigma), found nothing",
    );
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "lognormal", p99: "600ms" })),
      "at network.link.delay.median: expected a duration > 0 (lognormal takes median and p99, or mu and sigma), found nothing",
    );
  });

  test("lognormal: p99 not above the median", () => {
    expectError(
      scenario((s) => (s.network.link.delay = { dist: "lognormal", median: "80ms", p99: "80ms" })),
      "at network.link.delay.p99: expected a p99 longer than the median (80ms), found 80ms",
    );
  });
});

test("too many metric buckets: the smallest bucket that fits is named", () => {
  // 2 days in 10 ms buckets is 17,280,000 buckets; 2 d / 10,000,000 = 17,280 us
  expectError(
    scenario((s) => ((s.duration = "2d"), (s.metrics = { bucket: "10ms" }))),
    "at metrics.bucket: expected a bucket of at least 17280us (at most 10,000,000 buckets in a 2d run), found 10ms",
  );
});

describe("expect keys must name strategies", () => {
  test("with a hint", () => {
    expectError(
      scenario((s) => (s.expect = { t: { missed: { eq: 0 } }, ss: { missed: { eq: 0 } } })),
      'at expect: unknown strategy "t" (did you mean "s"?) (keys are strategy names or "*")',
    );
  });

  test("without a hint", () => {
    expectError(
      scenario((s) => (s.expect = { "*": { missed: { eq: 0 } }, "client-30s": { missed: { eq: 0 } } })),
      'at expect: unknown strategy "client-30s" (keys are strategy names or "*")',
    );
  });

  test('"__proto__" is a key like any other, never dropped', () => {
    expectError('{"name":"x","duration":"1h","clients":{"count":1},"network":{"link":{"delay":{"dist":"constant","value":0}}},' +
      '"strategies":[{"name":"s","initiator":"server","interval":"1s","timeout":"2s"}],"expect":{"__proto__":{"missed":{"eq":0}}}}',
      'at expect: unknown strategy "__proto__" (keys are strategy names or "*")');
  });
});

test("every problem is reported, in file order, a line each", () => {
  expectErrors(
    scenario((s) => {
      s.strategies[0].timeout = "10s";
      s.clients.reconnect = { maxDelay: "1ms" };
    }),
    [
      "at clients.reconnect.maxDelay: expected a maxDelay no shorter than the reconnect delay (1s), found 1ms",
      "at strategies[0].timeout: expected a timeout longer than the interval (30s), found 10s: every connection would be released between two heartbeats",
    ],
  );
});

describe("combinations without a meaning", () => {
  const adaptive = { min: "1m", max: "5m", step: "1m", successes: 2, settleBack: 0, failures: 1 };
  const fresh = { kind: "freshness", delta: "5s" };
  const grid = "with the freshness detector (it credits each arrival to a heartbeat of a fixed send grid)";
  test.each<[string, (s: Json) => void, string]>([
    [
      "an adaptive interval without acks",
      (s) => (s.strategies = [{ name: "a", initiator: "client", ack: false, adaptive, timeout: "10m" }]),
      "at strategies[0].ack: expected true with an adaptive interval (it learns from acknowledged heartbeats), found false",
    ],
    [
      "freshness with jitter",
      (s) => (s.strategies = [{ name: "f", initiator: "client", interval: "30s", jitter: 0.1, detector: fresh }]),
      `at strategies[0].jitter: expected 0 ${grid}, found 0.1`,
    ],
    [
      "freshness with piggyback",
      (s) => (s.strategies = [{ name: "f", initiator: "client", interval: "30s", piggyback: true, detector: fresh }]),
      `at strategies[0].piggyback: expected false ${grid}, found true`,
    ],
    [
      "freshness with an adaptive interval",
      (s) => (s.strategies = [{ name: "f", initiator: "client", adaptive, detector: fresh }]),
      `at strategies[0].adaptive: expected nothing ${grid}, found {"min":"1m","max":"5m","step":"1m","s...`,
    ],
    [
      "freshness with application traffic",
      (s) => {
        s.clients.traffic = { meanInterval: "5m" };
        s.strategies = [{ name: "f", initiator: "client", interval: "30s", detector: fresh }];
      },
      'at strategies[0].detector.kind: expected a detector other than "freshness" with clients.traffic ' +
        '(requests break the fixed send grid it credits arrivals to), found "freshness"',
    ],
  ])("%s", (_name, edit, message) => {
    expectError(scenario(edit), message);
  });
});
