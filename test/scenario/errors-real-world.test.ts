// Bad values of the "real world" fields: schema ranges and the rules of
// checks*.ts, each one line in the usual "expected ..., found ..." form.
import { describe, test } from "vitest";
import { expectError, scenario } from "./fixtures.js";

const POSITIVE_DURATION =
  'a duration > 0 such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or a positive number of seconds';
const TRANSPORT = '"datagram" or {"kind": "tcp", "rtoMin": "200ms", "rtoMax": "120s", "retries": 15}';
const RADIO = '"none", "lte", "3g", "wifi" or {"promotion", "promotionW", "tail", "tailW"}';
const adaptive = { min: "1m", max: "5m", step: "1m", successes: 3 };

describe("network", () => {
  test("outages need both positive means", () => {
    expectError(
      scenario((s) => (s.network.outages = { meanUp: "30m", meanDown: 0 })),
      `at network.outages.meanDown: expected ${POSITIVE_DURATION}, found 0`,
    );
    expectError(
      scenario((s) => (s.network.outages = { meanUp: "30m" })),
      `at network.outages.meanDown: expected ${POSITIVE_DURATION}, found nothing`,
    );
  });

  test("a NAT timeout of zero", () => {
    expectError(
      scenario((s) => (s.network.natIdleTimeout = "0s")),
      `at network.natIdleTimeout: expected ${POSITIVE_DURATION}, found "0s"`,
    );
  });

  test("transport: not a known form", () => {
    expectError(scenario((s) => (s.network.transport = "tcp")), `at network.transport: expected ${TRANSPORT}, found "tcp"`);
    expectError(
      scenario((s) => (s.network.transport = { kind: "quic" })),
      `at network.transport: expected ${TRANSPORT}, found {"kind":"quic"}`,
    );
  });

  test("transport: TCP fields", () => {
    expectError(
      scenario((s) => (s.network.transport = { kind: "tcp", retries: -1 })),
      "at network.transport.retries: expected an integer from 0 to 255, found -1",
    );
    expectError(
      scenario((s) => (s.network.transport = { kind: "tcp", rtoMin: "1s", rtoMax: "500ms" })),
      "at network.transport.rtoMax: expected an rtoMax no shorter than rtoMin (1s), found 500ms",
    );
    expectError(
      scenario((s) => (s.network.transport = { kind: "tcp", rtomax: "60s" })),
      'at network.transport: unknown key "rtomax" (did you mean "rtoMax"?)',
    );
    expectError(
      scenario((s) => (s.network.transport = { kind: "tcp", model: "linux", hz: 300 })),
      "at network.transport.hz: expected the kernel's tick rate: 0, 100, 250, 1000 (0: no tick), found 300",
    );
    expectError(
      scenario((s) => (s.network.transport = { kind: "tcp", model: "simple", hz: 250 })),
      'at network.transport.hz: expected no tick rate with the "simple" model (its timers are exact; hz is the "linux" model\'s), found 250',
    );
  });
});

describe("server restarts", () => {
  const restarts = (...list: object[]) => scenario((s) => (s.server = { restarts: list }));

  test("not an array", () => {
    expectError(
      scenario((s) => (s.server = { restarts: { at: "1m", downFor: "1s" } })),
      'at server.restarts: expected an array of restarts such as [{"at": "40m", "downFor": "30s"}], found {"at":"1m","downFor":"1s"}',
    );
    expectError(scenario((s) => (s.server = { restart: [] })), 'at server: unknown key "restart" (did you mean "restarts"?)');
  });

  test("overlapping, or out of order", () => {
    expectError(
      restarts({ at: "10m", downFor: "1m" }, { at: "10m30s", downFor: "1m" }),
      "at server.restarts[1].at: expected a time no earlier than the end of the previous restart " +
        "(11m; restarts in time order, not overlapping), found 10m30s",
    );
    expectError(
      restarts({ at: "40m", downFor: "1m" }, { at: "10m", downFor: "1m" }),
      "at server.restarts[1].at: expected a time no earlier than the end of the previous restart " +
        "(41m; restarts in time order, not overlapping), found 10m",
    );
  });

  test("down past the end of the run, or not down at all", () => {
    expectError(
      restarts({ at: "59m50s", downFor: "30s" }),
      "at server.restarts[0].downFor: expected a restart over within the run's duration (1h, so at most 10s from 59m50s), found 30s",
    );
    expectError(restarts({ at: "10m", downFor: 0 }), `at server.restarts[0].downFor: expected ${POSITIVE_DURATION}, found 0`);
  });
});

describe("clients", () => {
  test("traffic needs a positive mean interval", () => {
    expectError(
      scenario((s) => (s.clients.traffic = { meanInterval: 0 })),
      `at clients.traffic.meanInterval: expected ${POSITIVE_DURATION}, found 0`,
    );
  });

  test("radio: unknown preset, incomplete custom radio, negative watts", () => {
    expectError(scenario((s) => (s.clients.radio = "5g")), `at clients.radio: expected ${RADIO}, found "5g"`);
    expectError(
      scenario((s) => (s.clients.radio = { promotion: "1s", promotionW: 1, tail: "5s" })),
      `at clients.radio: expected ${RADIO}, found {"promotion":"1s","promotionW":1,"tai...`,
    );
    expectError(
      scenario((s) => (s.clients.radio = { promotion: "1s", promotionW: -1, tail: "5s", tailW: 1 })),
      "at clients.radio.promotionW: expected a number of watts >= 0, found -1",
    );
  });
});

describe("detectors", () => {
  test("phi ranges", () => {
    expectError(
      scenario((s) => (s.strategies[0].detector = { kind: "phi", threshold: 0 })),
      "at strategies[0].detector.threshold: expected a number > 0 and <= 100, found 0",
    );
    expectError(
      scenario((s) => (s.strategies[0].detector = { kind: "phi", window: 0 })),
      "at strategies[0].detector.window: expected an integer from 1 to 100,000, found 0",
    );
  });

  test("a phi threshold that regular heartbeats already reach releases everyone", () => {
    expectError(
      scenario(
        (s) =>
          (s.strategies = [
            { name: "p", initiator: "server", interval: "30s", detector: { kind: "phi", threshold: 0.01, acceptablePause: 0 } },
          ]),
      ),
      "at strategies[0].detector.threshold: expected a threshold that regular heartbeats reach only after more than " +
        "the interval (30s) of silence, found 0.01 (reached after 29.800006s): every connection would be released " +
        "between two heartbeats",
    );
  });

  test("freshness needs its delta", () => {
    expectError(
      scenario((s) => (s.strategies[0].detector = { kind: "freshness" })),
      `at strategies[0].detector.delta: expected ${POSITIVE_DURATION}, found nothing`,
    );
  });

  test("piggyback is a boolean", () => {
    expectError(scenario((s) => (s.strategies[0].piggyback = "yes")), 'at strategies[0].piggyback: expected true or false, found "yes"');
  });
});

describe("adaptive", () => {
  const only = (strategy: object) => scenario((s) => (s.strategies = [strategy]));

  test("client-initiated only", () => {
    expectError(
      only({ name: "a", initiator: "server", timeout: "20m", adaptive }),
      'at strategies[0].adaptive: expected nothing ("adaptive" applies to client-initiated strategies only: ' +
        'each client probes its own path), found {"min":"1m","max":"5m","step":"1m","s...',
    );
  });

  test("either interval or adaptive", () => {
    expectError(
      only({ name: "a", initiator: "client", interval: "1m", timeout: "20m", adaptive }),
      'at strategies[0].interval: expected nothing ("adaptive" sets the interval: it starts at adaptive.min), found "1m"',
    );
    expectError(
      scenario((s) => delete s.strategies[0].interval),
      'at strategies[0].interval: expected an interval (required unless "adaptive" is given), found nothing',
    );
  });

  test("a range that can grow, and a detector that allows it", () => {
    expectError(
      only({ name: "a", initiator: "client", timeout: "20m", adaptive: { ...adaptive, min: "5m" } }),
      "at strategies[0].adaptive.max: expected a max longer than min (5m), found 5m",
    );
    expectError(
      only({ name: "a", initiator: "client", timeout: "20m", detector: { kind: "missed", threshold: 3 }, adaptive }),
      'at strategies[0].detector.kind: expected a detector other than "missed" with "adaptive" ' +
        '(its sweeps run once per fixed interval), found "missed"',
    );
  });

  test("timeouts must outlast the longest interval", () => {
    expectError(
      only({ name: "a", initiator: "client", timeout: "5m", adaptive }),
      "at strategies[0].timeout: expected a timeout longer than the longest interval (adaptive.max, 5m), found 5m: " +
        "every connection would be released between two heartbeats",
    );
    expectError(
      only({ name: "a", initiator: "client", timeout: "6m", clientTimeout: "4m", adaptive }),
      "at strategies[0].clientTimeout: expected a clientTimeout longer than the longest interval (adaptive.max, 5m), " +
        "found 4m: every client would drop its connection between two heartbeats",
    );
  });

  test("successes has no default", () => {
    expectError(
      only({ name: "a", initiator: "client", timeout: "6m", adaptive: { min: "1m", max: "5m", step: "1m" } }),
      "at strategies[0].adaptive.successes: expected an integer from 1 to 1,000,000, found nothing",
    );
  });
});
