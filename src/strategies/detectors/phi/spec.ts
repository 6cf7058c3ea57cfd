// Phi accrual (Hayashibara et al.; Akka, Cassandra). The defaults are Akka
// cluster's (reference.conf): threshold 8, max-sample-size 1000,
// min-std-deviation 100 ms, acceptable-heartbeat-pause 3 s.
import * as z from "zod";
import { formatDurationUs as fmt } from "../../../scenario/duration.js";
import { duration, durationDoc, intRange, strict } from "../../../scenario/fields.js";
import type { DetectorSpec } from "../spec.js";
import { elapsedForPhi } from "./accrual.js";
import { phiCapacity, PhiDetector } from "./detector.js";
import type { PhiPlan } from "./plan.js";

const MAX_PHI_THRESHOLD = 100;
const MAX_PHI_WINDOW = 100_000;

const schema = strict({
  kind: z
    .literal("phi")
    .describe(
      "Phi accrual (Hayashibara et al.; as in Akka and Cassandra): phi = -log10(1 - F(silence)), with F a normal " +
        "CDF (Akka's logistic approximation) fitted to the connection's recent inter-arrival times; released when " +
        "phi reaches threshold",
    ),
  threshold: z
    .number({ error: `expected a number > 0 and <= ${MAX_PHI_THRESHOLD}` })
    .positive()
    .max(MAX_PHI_THRESHOLD)
    .default(8)
    .describe(`Phi at which the connection is released (> 0, <= ${MAX_PHI_THRESHOLD}; 8 means about 1e-8). Default 8`),
  window: intRange(1, MAX_PHI_WINDOW)
    .default(1000)
    .describe(`Inter-arrival samples kept per connection (integer, 1 to ${MAX_PHI_WINDOW}). Default 1000`),
  minStdDev: duration(true)
    .prefault("100ms")
    .describe(durationDoc('Floor of the fitted standard deviation, > 0. Default "100ms"')),
  acceptablePause: duration(false)
    .prefault("3s")
    .describe(
      durationDoc(
        'Added to the fitted mean, so a pause this much longer than usual is tolerated. Default "3s" (Akka\'s, ' +
          "chosen there for 1 s heartbeats)",
      ),
    ),
});

export const phi: DetectorSpec<PhiPlan, typeof schema> = {
  kind: "phi",
  schema,
  resolve: (d) => ({ kind: "phi", threshold: d.threshold, window: d.window, minStdDevUs: d.minStdDev, acceptablePauseUs: d.acceptablePause }),
  // the fit of regular heartbeats: mean = interval (+ the pause), std = its floor
  silenceUs: (d, intervalUs) => Math.ceil(elapsedForPhi(d.threshold, intervalUs + d.acceptablePauseUs, d.minStdDevUs)),
  // The fit starts from two bootstrap samples, 0.75 and 1.25 intervals (accrual.ts): with k regular
  // samples after them the mean is the interval and the deviation interval/4 * sqrt(2 / (k + 2)), at
  // most interval/4; phi at a given silence only falls as the deviation narrows.
  boundUs: (d, s) => Math.ceil(elapsedForPhi(d.threshold, s.intervalUs + d.acceptablePauseUs, Math.max(d.minStdDevUs, s.intervalUs / 4))),
  check(d, s) {
    if (s.silenceUs === undefined || s.silenceUs > s.longestUs) return undefined;
    return {
      kind: "expected",
      path: [...s.path, "detector", "threshold"],
      expected: `a threshold that regular heartbeats reach only after more than ${s.longest} (${s.interval}) of silence`,
      found: `${d.threshold} (reached after ${fmt(s.silenceUs)})`,
      why: "every connection would be released between two heartbeats",
    };
  },
  // a window of 8-byte samples, five columns of fit, a deadline and a suspect instant
  bytesPerClient: (d, plan, s) => 8 * phiCapacity(plan, s, d) + 48,
  make: (d) => new PhiDetector(d),
  plainTimeout: false,
  initiators: ["client", "server"],
  example: { kind: "phi" },
};
