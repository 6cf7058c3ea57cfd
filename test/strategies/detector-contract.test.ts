// One suite over every detector of the registry, with both initiators, as
// one suite runs over every router of a web framework: a detector added to
// src/strategies/detectors/registry.ts is held to all of it at once.
//   - over loss-free links no live client is ever released;
//   - every crash is released, within the detector's own bound: the silence
//     its spec states for regular heartbeats (the timeout for "timeout"),
//     since the last message heard precedes the crash;
//   - the heap and the calendar queue run the same events in the same order;
//   - the exact shortcuts on and off tell the same story on a lossy link.
import { describe, expect, it } from "vitest";
import { ALL_SHORTCUTS } from "../../src/model/shortcuts.js";
import type { DetectorPlan, StrategyPlan } from "../../src/scenario/plan.js";
import { DETECTORS, detectorSchema, specOf } from "../../src/strategies/detectors/registry.js";
import { expectShortcutsExact, runWith } from "../support/oracle.js";
import { link, plan, S, strategy } from "../support/plan.js";

const INTERVAL = 30 * S;
const TIMEOUT = 75 * S;

const cases = DETECTORS.flatMap((spec) =>
  spec.initiators.map((initiator) => {
    const detector = specOf(spec).resolve(detectorSchema.parse(spec.example)) as DetectorPlan;
    const s: StrategyPlan = strategy({ name: `${spec.kind}-${initiator}`, initiator, intervalUs: INTERVAL, timeoutUs: TIMEOUT, detector });
    return [`${spec.kind}, ${initiator} heartbeats`, s] as const;
  }),
);

/** the detector's stated bound on detection latency when heartbeats are regular */
const boundUs = (s: StrategyPlan) => specOf(s.detector).boundUs(s.detector, s);

describe.each(cases)("detector contract: %s", (_name, s) => {
  it("releases no live client over loss-free links", () => {
    const p = plan({ count: 150, durationUs: 3600 * S, uplink: link(40_000), downlink: link(60_000) });
    const out = runWith(p, s, 0, ALL_SHORTCUTS);
    expect(out.summary.false_positives).toBe(0);
    expect(out.detections.count).toBe(0);
  });

  it("releases every crashed client within its stated bound", () => {
    const p = plan({ count: 150, durationUs: 3600 * S, uplink: link(40_000), downlink: link(60_000), crash: { fraction: 0.4, fromUs: 10 * 60 * S, toUs: 50 * 60 * S } });
    const out = runWith(p, s, 0, ALL_SHORTCUTS);
    const crashes = out.summary.crashes as number;
    expect(crashes).toBeGreaterThan(40);
    expect(out.summary.detected).toBe(crashes);
    expect(out.summary.false_positives).toBe(0);
    const bound = boundUs(s);
    let longest = 0;
    for (let k = 0; k < out.detections.count; k++) {
      expect(out.detections.latencyUs[k]).toBeGreaterThan(0);
      expect(out.detections.latencyUs[k]).toBeLessThanOrEqual(bound);
      longest = Math.max(longest, out.detections.latencyUs[k]);
    }
    // and the bound is no empty promise: crashes fall anywhere in a heartbeat period, so the slowest
    // release comes within one interval of it
    expect(longest).toBeGreaterThan(bound - s.intervalUs);
  });

  it("runs the same events in the same order on the heap and on the calendar queue", () => {
    const p = plan({ count: 120, durationUs: 1800 * S, uplink: link(40_000, 0.05), downlink: link(60_000, 0.05), crash: { fraction: 0.2, fromUs: 300 * S, toUs: 1500 * S } });
    const wheel = runWith(p, s, 0, { ...ALL_SHORTCUTS, queue: "wheel" });
    const heap = runWith(p, s, 0, { ...ALL_SHORTCUTS, queue: "heap" });
    expect(heap).toEqual(wheel);
  });

  it("tells the same story with the shortcuts on and off, over lossy links", () => {
    const p = plan({ count: 120, durationUs: 1800 * S, uplink: link(40_000, 0.08), downlink: link(60_000, 0.08), crash: { fraction: 0.2, fromUs: 300 * S, toUs: 1500 * S } });
    const { on } = expectShortcutsExact(p, s);
    // the lossy link must have put the detector to work
    expect((on.summary.false_positives as number) + (on.summary.detected as number)).toBeGreaterThan(0);
  });
});

describe("the registry", () => {
  it("lists each detector once, and the scenario schema offers exactly those, in that order", () => {
    const kinds = DETECTORS.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    const offered = detectorSchema.unwrap().options.map((o) => o.shape.kind.value);
    expect(offered).toEqual(kinds);
  });
});
