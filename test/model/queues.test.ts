// The heap and the timing wheel are interchangeable: the same plan gives the
// same trajectory event for event (the fingerprint hashes every event), the
// same rows and the same releases, across the cases that stress the wheel —
// heavy-tailed delays beyond its ring, zero delays into the bucket being
// drained, a global tick's burst, and long reconnect waits. Timelines run
// the same events (the same count), each client's in the same order, but
// the clients one after another between server-wide events: everything but
// the fingerprint (which hashes the order across clients too) is the same.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import type { Plan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";

const heavy = {
  delay: { dist: "pareto" as const, minUs: 20_000, alpha: 1.2 },
  loss: { model: "gilbert-elliott" as const, pGoodToBad: 0.05, pBadToGood: 0.2, lossGood: 0.01, lossBad: 0.6 },
};
const crash = { fraction: 0.2, fromUs: 60 * S, toUs: 500 * S };

const cases: [string, Plan][] = [
  ["pareto delays and bursty loss", plan({ count: 400, durationUs: 900 * S, crash, uplink: heavy, downlink: heavy })],
  ["zero delay", plan({ count: 300, durationUs: 600 * S, crash, uplink: link(0, 0.05), downlink: link(0) })],
  [
    "global tick, missed detector, jitter",
    plan({
      count: 500,
      durationUs: 900 * S,
      crash,
      uplink: link(20_000, 0.1),
      downlink: link(20_000, 0.1),
      strategies: [
        strategy({ name: "g", initiator: "server", schedule: "global", jitter: 0.2 }),
        strategy({ name: "m", initiator: "client", jitter: 0.3, detector: { kind: "missed", threshold: 2 } }),
      ],
    }),
  ],
  [
    "long reconnect waits on a dead uplink",
    plan({ count: 50, durationUs: 3600 * S, uplink: link(1000, 0.97), reconnect: { maxDelayUs: 1200 * S } }),
  ],
];

describe.each(cases)("heap, wheel and timelines agree: %s", (_label, p) => {
  it.each(p.strategies.map((s) => [s.name, s] as const))("strategy %s", (_name, s) => {
    const heap = runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue: "heap" });
    const wheel = runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue: "wheel" });
    expect(wheel.summary).toEqual(heap.summary);
    expect(wheel.detections).toEqual(heap.detections);
    expect(wheel.timeseries).toEqual(heap.timeseries);
    const lines = runStrategy(p, s, 0, undefined, { ...ALL_SHORTCUTS, queue: "timelines" });
    expect(lines.summary.fingerprint).not.toBe(heap.summary.fingerprint);
    expect({ ...lines.summary, fingerprint: null }).toEqual({ ...heap.summary, fingerprint: null });
    expect(lines.detections).toEqual(heap.detections);
    expect(lines.timeseries).toEqual(heap.timeseries);
  });
});
