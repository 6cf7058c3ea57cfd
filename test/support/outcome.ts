// A world run to its end and read as `sim run` reports it: the summary row
// without the event count and its fingerprint (they say how the simulator
// got there, not what happened), the detections, the time series, and the
// event count apart. Tests that switch a shortcut off compare these.
import { expect } from "vitest";
import { summarize } from "../../src/metrics/summary.js";
import { closingFacts } from "../../src/model/finish.js";
import type { World } from "../../src/model/world.js";

export function outcome(w: World) {
  w.sim.run(w.plan.durationUs);
  const timeseries = w.rec.timeseries();
  const detections = w.rec.detections();
  const { events, fingerprint, ...summary } = summarize(closingFacts(w, w.plan.name), w.rec, timeseries, detections);
  return { summary, events: events as number, timeseries, detections };
}

/** the same run told two ways: every output but the event count and the fingerprint is identical */
export function expectSameOutcome(a: ReturnType<typeof outcome>, b: ReturnType<typeof outcome>): void {
  expect(a.summary).toEqual(b.summary);
  expect(a.detections).toEqual(b.detections);
  expect(a.timeseries).toEqual(b.timeseries);
}
