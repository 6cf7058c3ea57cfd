// How a strategy's server turns silence into a release. The phi defaults are
// Akka cluster's (reference.conf): threshold 8, max-sample-size 1000,
// min-std-deviation 100 ms, acceptable-heartbeat-pause 3 s.

import * as z from "zod";
import { duration, durationDoc, intRange, notAnObject, strict } from "./fields.js";

const MAX_PHI_THRESHOLD = 100;
const MAX_PHI_WINDOW = 100_000;

const phiSchema = strict({
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

const freshnessSchema = strict({
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

export const detectorSchema = z
  .discriminatedUnion(
    "kind",
    [
      strict({
        kind: z.literal("timeout").describe("Release a connection after `timeout` of silence"),
      }),
      strict({
        kind: z
          .literal("missed")
          .describe(
            "One server-wide sweep per interval: a connection heard from since the last sweep gets its standing " +
              "back to threshold, one not heard from loses a point and is released at zero",
          ),
        threshold: intRange(1, 1_000_000).describe("Standing after a sweep that heard the client (integer >= 1)"),
      }),
      phiSchema,
      freshnessSchema,
    ],
    { error: notAnObject('expected a detector object such as {"kind": "timeout"}') },
  )
  .prefault({ kind: "timeout" })
  .describe('How silence becomes a release; default {"kind": "timeout"}');
