// Chen-Toueg-Aguilera NFD-S freshness points.
import * as z from "zod";
import { duration, durationDoc, strict } from "../../../scenario/fields.js";
import type { DetectorSpec } from "../spec.js";
import { FreshnessDetector } from "./detector.js";
import type { FreshnessPlan } from "./plan.js";

const schema = strict({
  kind: z
    .literal("freshness")
    .describe(
      "Chen-Toueg-Aguilera NFD-S freshness points: heartbeat i, sent at s_i, is expected by s_i + delta; the " +
        "server trusts the client until the freshness point of the heartbeat after the newest one it received",
    ),
  delta: duration(true).describe(
    durationDoc("Allowed lateness of each heartbeat after its send time, > 0; crash detection takes at most interval + delta"),
  ),
});

const FIXED_GRID = "with the freshness detector (it credits each arrival to a heartbeat of a fixed send grid)";

export const freshness: DetectorSpec<FreshnessPlan, typeof schema> = {
  kind: "freshness",
  schema,
  resolve: (d) => ({ kind: "freshness", deltaUs: d.delta }),
  // NFD-S's bound
  silenceUs: (d, intervalUs) => intervalUs + d.deltaUs,
  boundUs: (d, s) => s.intervalUs + d.deltaUs,
  // it credits each arrival to a heartbeat of a fixed send grid: heartbeats alone, on a fixed schedule
  check(_d, s) {
    if (s.jitter > 0) return { kind: "expected", path: [...s.path, "jitter"], expected: `0 ${FIXED_GRID}`, found: String(s.jitter) };
    if (s.piggyback) return { kind: "expected", path: [...s.path, "piggyback"], expected: `false ${FIXED_GRID}`, found: "true" };
    if (s.adaptive) return { kind: "expected", path: [...s.path, "adaptive"], expected: `nothing ${FIXED_GRID}` };
    if (s.schedule === "after-answer") {
      return { kind: "expected", path: [...s.path, "schedule"], expected: `"per-client" or "global" ${FIXED_GRID}`, found: '"after-answer"' };
    }
    if (!s.traffic) return undefined;
    return {
      kind: "expected",
      path: [...s.path, "detector", "kind"],
      expected: `a detector other than "freshness" with clients.traffic (requests break the fixed send grid it credits arrivals to)`,
      found: '"freshness"',
    };
  },
  // a freshness point and the tracking instant; with client heartbeats also the connect instant and connection
  bytesPerClient: (_d, _plan, s) => 16 + (s.initiator === "client" ? 12 : 0),
  make: (d) => new FreshnessDetector(d.deltaUs),
  plainTimeout: false,
  initiators: ["client", "server"],
  example: { kind: "freshness", delta: "20s" },
};
