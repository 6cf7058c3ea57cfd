// One heartbeat strategy. Rules that relate fields (timeout > interval, ack
// only on client strategies, adaptive instead of interval, ...) are in
// checks-strategies.ts; each detector's object is in its folder (src/strategies/detectors/<name>/spec.ts).

import * as z from "zod";
import { duration, durationDoc, intRange, strict } from "./fields.js";
import { detectorSchema } from "./schema-detector.js";

/** Defaults resolve.ts applies; optional here because giving them on the wrong initiator is an error. */
export const STRATEGY_DEFAULTS = { ack: true, schedule: "per-client" } as const;

const adaptiveSchema = strict({
  min: duration(true).describe(durationDoc("Starting and shortest interval, > 0")),
  max: duration(true).describe(durationDoc("Longest interval, longer than min")),
  step: duration(true).describe(durationDoc("Increase after `successes` healthy periods, > 0")),
  successes: intRange(1, 1_000_000).describe("Healthy periods at an interval before stepping up (integer >= 1)"),
  settleBack: duration(false)
    .prefault("20s")
    .describe(durationDoc('After a broken connection, settle this far below the last interval that worked. Default "20s"')),
  failures: intRange(1, 1_000_000)
    .default(3)
    .describe("Consecutive failures at the settled interval that restart probing from min (integer >= 1). Default 3"),
})
  .optional()
  .describe(
    "Client initiator only: the interval adapts per client, probing for the longest one the path keeps alive " +
      "(a NAT timeout): it starts at min, grows by step after `successes` healthy periods up to max, and after a " +
      "broken connection settles at the last good interval minus settleBack. Replaces `interval`. Example (WeChat's " +
      'smart heartbeat, Tencent Mars): {"min": "4m30s", "max": "14m50s", "step": "1m", "successes": 3, ' +
      '"settleBack": "20s", "failures": 3}. Default: a fixed interval',
  );

const strategySchema = strict({
  name: z
    .string({ error: 'expected a name made of letters, digits, ".", "_" and "-"' })
    .regex(/^[A-Za-z0-9._-]+$/)
    .describe("Label of the strategy in every output row; unique within the scenario ([A-Za-z0-9._-]+)"),
  initiator: z
    .enum(["server", "client"])
    .describe('"server": the server pings each client, which answers; "client": each client sends heartbeats'),
  interval: duration(true)
    .optional()
    .describe(durationDoc('Heartbeat period, > 0. Required, except with "adaptive" (which sets it)')),
  timeout: duration(true)
    .optional()
    .describe(
      durationDoc(
        "Server side: silence after which the server releases the client; longer than interval. " +
          'Required with the "timeout" detector; with the others it only sets the clientTimeout default',
      ),
    ),
  clientTimeout: duration(true)
    .optional()
    .describe(
      durationDoc(
        "Client side: silence from the server after which the client reconnects; longer than interval. " +
          'Default: timeout; without one, the detector\'s silence: (threshold + 1) * interval for "missed", ' +
          'interval + delta for "freshness", the silence at which phi reaches its threshold for perfectly regular ' +
          'heartbeats for "phi"',
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
    .enum(["per-client", "global", "after-answer"])
    .optional()
    .meta({
      description:
        'Server initiator only: "per-client" timers phased by each connection\'s start, "global": one ' +
        'server tick pings every connected client at once, or "after-answer": each connection\'s next ping ' +
        'goes `interval` after the PONG to its last one (engine.io, Socket.IO\'s transport). Default "per-client"',
      default: STRATEGY_DEFAULTS.schedule,
    }),
  detector: detectorSchema,
  piggyback: z
    .boolean({ error: "expected true or false" })
    .default(false)
    .describe(
      "A heartbeat is only sent after `interval` with no other message sent on that connection (MQTT's keep-alive " +
        "rule); the server likewise skips pinging a client it heard from within `interval`. Default false",
    ),
  adaptive: adaptiveSchema,
}).describe("A heartbeat strategy to simulate");

export const strategiesSchema = z
  .array(strategySchema, { error: "expected an array of strategies" })
  .min(1, { error: "expected at least one strategy" })
  .describe("The strategies to compare, in output order (at least one, unique names)");
