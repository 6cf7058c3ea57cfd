// One heartbeat strategy. Rules that relate fields (timeout > interval, ack
// only on client strategies, ...) are in checks-strategies.ts.

import { z } from "zod";
import { duration, durationDoc, intRange, notAnObject, strict } from "./fields.js";

/** Defaults resolve.ts applies; optional here because giving them on the wrong initiator is an error. */
export const STRATEGY_DEFAULTS = { ack: true, schedule: "per-client" } as const;

const detectorSchema = z
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
    ],
    { error: notAnObject('expected a detector object such as {"kind": "timeout"}') },
  )
  .prefault({ kind: "timeout" })
  .describe('How silence becomes a release; default {"kind": "timeout"}');

export const strategySchema = strict({
  name: z
    .string({ error: 'expected a name made of letters, digits, ".", "_" and "-"' })
    .regex(/^[A-Za-z0-9._-]+$/)
    .describe("Label of the strategy in every output row; unique within the scenario ([A-Za-z0-9._-]+)"),
  initiator: z
    .enum(["server", "client"])
    .describe('"server": the server pings each client, which answers; "client": each client sends heartbeats'),
  interval: duration(true).describe(durationDoc("Heartbeat period, > 0")),
  timeout: duration(true)
    .optional()
    .describe(
      durationDoc(
        "Server side: silence after which the server releases the client; longer than interval. " +
          "Required unless the detector is \"missed\"",
      ),
    ),
  clientTimeout: duration(true)
    .optional()
    .describe(
      durationDoc(
        "Client side: silence from the server after which the client reconnects; longer than interval. " +
          'Default: timeout (with the "missed" detector and no timeout: (threshold + 1) * interval)',
      ),
    ),
  ack: z
    .boolean({ error: "expected true or false" })
    .optional()
    .meta({
      description: "Client initiator only: the server answers each heartbeat with an ACK. Default true",
      default: STRATEGY_DEFAULTS.ack,
    }),
  jitter: z
    .number({ error: "expected a number >= 0 and < 1" })
    .min(0)
    .lt(1)
    .default(0)
    .describe("Each period is uniform in [interval * (1 - jitter), interval * (1 + jitter)]; 0 <= jitter < 1. Default 0"),
  schedule: z
    .enum(["per-client", "global"])
    .optional()
    .meta({
      description:
        'Server initiator only: "per-client" timers phased by each connection\'s start, or "global": one ' +
        'server tick pings every connected client at once. Default "per-client"',
      default: STRATEGY_DEFAULTS.schedule,
    }),
  detector: detectorSchema,
}).describe("A heartbeat strategy to simulate");

export const strategiesSchema = z
  .array(strategySchema, { error: "expected an array of strategies" })
  .min(1, { error: "expected at least one strategy" })
  .describe("The strategies to compare, in output order (at least one, unique names)");
