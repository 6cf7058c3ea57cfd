// The missed-sweeps detector: a point lost per silent server-wide sweep.
import * as z from "zod";
import { intRange, strict } from "../../../scenario/fields.js";
import type { DetectorSpec } from "../spec.js";
import { MissedDetector } from "./detector.js";
import type { MissedPlan } from "./plan.js";

const schema = strict({
  kind: z
    .literal("missed")
    .describe(
      "One server-wide sweep per interval: a connection heard from since the last sweep gets its standing " +
        "back to threshold, one not heard from loses a point and is released at zero",
    ),
  threshold: intRange(1, 1_000_000).describe("Standing after a sweep that heard the client (integer >= 1)"),
});

export const missed: DetectorSpec<MissedPlan, typeof schema> = {
  kind: "missed",
  schema,
  resolve: (d) => ({ kind: "missed", threshold: d.threshold }),
  // the threshold's sweeps plus one period for the sweep's phase
  silenceUs: (d, intervalUs) => (d.threshold + 1) * intervalUs,
  boundUs: (d, s) => (d.threshold + 1) * s.intervalUs,
  check(_d, s) {
    if (!s.adaptive) return undefined;
    return {
      kind: "expected",
      path: [...s.path, "detector", "kind"],
      expected: 'a detector other than "missed" with "adaptive" (its sweeps run once per fixed interval)',
    };
  },
  bytesPerClient: () => 4, // its standing column
  make: (d) => new MissedDetector(d.threshold),
  plainTimeout: false,
  initiators: ["client", "server"],
  example: { kind: "missed", threshold: 2 },
};
