// The "real world" fields resolve to the Plan computed by hand: outages, NAT,
// TCP, server restarts, traffic, radio presets, piggyback, the phi and
// freshness detectors and the adaptive interval, with their defaults.
import { describe, expect, test } from "vitest";
import { elapsedForPhi } from "../../src/strategies/detectors/phi/accrual.js";
import { load, minimal, scenario } from "./fixtures.js";
import { S } from "../support/plan.js";

describe("network", () => {
  test("defaults: no outages, no NAT, datagrams", () => {
    const network = load(minimal()).network;
    expect(network.outages).toBeUndefined();
    expect(network.natIdleTimeoutUs).toBe(0);
    expect(network.transport).toEqual({ kind: "datagram" });
  });

  test("outages, NAT and TCP with Linux's defaults", () => {
    const network = load(
      scenario((s) => {
        s.network.outages = { meanUp: "30m", meanDown: "20s" };
        s.network.natIdleTimeout = "5m";
        s.network.transport = { kind: "tcp" };
      }),
    ).network;
    expect(network.outages).toEqual({ meanUpUs: 1800 * S, meanDownUs: 20 * S });
    expect(network.natIdleTimeoutUs).toBe(300 * S);
    expect(network.transport).toEqual({ kind: "tcp", model: "linux", rtoMinUs: 200_000, rtoMaxUs: 120 * S, retries: 15, hz: 250 });
  });

  test('TCP given in full, and "datagram" given explicitly', () => {
    const tcp = { kind: "tcp", model: "linux", rtoMin: "1s", rtoMax: "1m", retries: 5 };
    expect(load(scenario((s) => (s.network.transport = tcp))).network.transport).toEqual({
      kind: "tcp",
      model: "linux",
      rtoMinUs: S,
      rtoMaxUs: 60 * S,
      retries: 5,
      hz: 250, // the default tick rate
    });
    const hz1000 = { ...tcp, hz: 1000 };
    expect(load(scenario((s) => (s.network.transport = hz1000))).network.transport).toMatchObject({ model: "linux", hz: 1000 });
    expect(load(scenario((s) => (s.network.transport = "datagram"))).network.transport).toEqual({ kind: "datagram" });
  });
});

describe("server and clients", () => {
  test("restarts, in file order", () => {
    const plan = load(
      scenario((s) => {
        s.server = { restarts: [{ at: "10m", downFor: "30s" }, { at: "40m", downFor: 5 }] };
      }),
    );
    expect(plan.server.restarts).toEqual([
      { atUs: 600 * S, downForUs: 30 * S },
      { atUs: 2400 * S, downForUs: 5 * S },
    ]);
    expect(load(scenario((s) => (s.server = {}))).server).toEqual({ restarts: [] });
  });

  test("traffic", () => {
    expect(load(minimal()).clients.traffic).toBeUndefined();
    expect(load(scenario((s) => (s.clients.traffic = { meanInterval: "5m" }))).clients.traffic).toEqual({
      meanIntervalUs: 300 * S,
    });
  });

  const radio = (r: unknown) => load(scenario((s) => (s.clients.radio = r))).clients.radio;

  test("radio presets (research notes, section 6)", () => {
    expect(load(minimal()).clients.radio).toBeNull();
    expect(radio("none")).toBeNull();
    expect(radio("lte")).toEqual({ name: "lte", promotionUs: 260_000, promotionW: 1.21, tailUs: 11_576_000, tailW: 1.08 });
    expect(radio("wifi")).toEqual({ name: "wifi", promotionUs: 0, promotionW: 0.403, tailUs: 250_000, tailW: 0.403 });
    const umts = radio("3g")!;
    expect(umts).toMatchObject({ name: "3g", promotionUs: 2 * S, promotionW: 0.465, tailUs: 14 * S });
    expect(umts.tailW).toBeCloseTo((4 * 0.93 + 10 * 0.51) / 14, 12);
  });

  test("energy of one isolated activity: LTE 12.8 J, 3G ARO's 9.75 J, Wi-Fi 0.1 J", () => {
    const joules = (name: string) => {
      const r = radio(name)!;
      return (r.promotionUs * r.promotionW + r.tailUs * r.tailW) / S;
    };
    expect(joules("lte")).toBeCloseTo(0.26 * 1.21 + 11.576 * 1.08, 9); // 12.81668
    expect(joules("3g")).toBeCloseTo(2 * 0.465 + 4 * 0.93 + 10 * 0.51, 9); // 9.75
    expect(joules("wifi")).toBeCloseTo(0.25 * 0.403, 9);
  });

  test("a custom radio", () => {
    expect(radio({ promotion: "1s", promotionW: 0.8, tail: "5s", tailW: 0.5 })).toEqual({
      name: "custom",
      promotionUs: S,
      promotionW: 0.8,
      tailUs: 5 * S,
      tailW: 0.5,
    });
  });
});

describe("strategies", () => {
  const only = (strategy: object) => load(scenario((s) => (s.strategies = [strategy]))).strategies[0];

  test("piggyback defaults to false", () => {
    expect(load(minimal()).strategies[0]).toMatchObject({ piggyback: false, adaptive: null });
    expect(only({ name: "m", initiator: "client", interval: "60s", timeout: "90s", piggyback: true }).piggyback).toBe(true);
  });

  test("phi with Akka's defaults needs no timeout; clientTimeout defaults to phi's silence", () => {
    const s = only({ name: "p", initiator: "server", interval: "30s", detector: { kind: "phi" } });
    expect(s.detector).toEqual({ kind: "phi", threshold: 8, window: 1000, minStdDevUs: 100_000, acceptablePauseUs: 3 * S });
    // regular heartbeats: mean 30 s + 3 s pause, std at its 100 ms floor: about 33.52 s
    const silenceUs = Math.ceil(elapsedForPhi(8, 33 * S, 100_000));
    expect(silenceUs / S).toBeCloseTo(33.52, 2);
    expect(s.timeoutUs).toBe(silenceUs);
    expect(s.clientTimeoutUs).toBe(silenceUs);
  });

  test("phi given in full, with a timeout that sets clientTimeout", () => {
    const detector = { kind: "phi", threshold: 10, window: 200, minStdDev: "500ms", acceptablePause: "10s" };
    const s = only({ name: "p", initiator: "client", interval: "30s", timeout: "2m", detector });
    expect(s.detector).toEqual({ kind: "phi", threshold: 10, window: 200, minStdDevUs: 500_000, acceptablePauseUs: 10 * S });
    expect(s.clientTimeoutUs).toBe(120 * S);
  });

  test("freshness: clientTimeout defaults to NFD-S's detection bound interval + delta", () => {
    const s = only({ name: "f", initiator: "client", interval: "30s", detector: { kind: "freshness", delta: "5s" } });
    expect(s.detector).toEqual({ kind: "freshness", deltaUs: 5 * S });
    expect(s.timeoutUs).toBe(35 * S);
    expect(s.clientTimeoutUs).toBe(35 * S);
  });

  test("adaptive: the interval starts at min; defaults settleBack 20s and failures 3", () => {
    const s = only({
      name: "wechat",
      initiator: "client",
      timeout: "16m",
      adaptive: { min: "4m30s", max: "14m50s", step: "1m", successes: 3 },
    });
    expect(s.intervalUs).toBe(270 * S);
    expect(s.adaptive).toEqual({
      minUs: 270 * S,
      maxUs: 890 * S,
      stepUs: 60 * S,
      successes: 3,
      settleBackUs: 20 * S,
      failures: 3,
    });
  });

  test("adaptive with the phi detector derives its timeouts from the longest interval", () => {
    const s = only({
      name: "a",
      initiator: "client",
      adaptive: { min: "1m", max: "5m", step: "1m", successes: 2, settleBack: 0, failures: 1 },
      detector: { kind: "phi" },
    });
    // regular heartbeats at the longest interval, 300 s, + 3 s pause, std at its 100 ms floor
    const silenceUs = Math.ceil(elapsedForPhi(8, 303 * S, 100_000));
    expect(s.timeoutUs).toBe(silenceUs);
    expect(s.clientTimeoutUs).toBe(silenceUs);
    expect(s.adaptive).toMatchObject({ settleBackUs: 0, failures: 1 });
  });
});
