// The scenario schema: the one source of truth for the TypeScript input type,
// validation (with our error phrases), defaults and the published JSON
// Schema. Durations come out of it as integer microseconds. Rules that relate
// several fields live in checks.ts, which runs on the parsed output.

import * as z from "zod";
import { duration, durationDoc, fraction, groupDigits, intRange, numberAtLeast, strict } from "./fields.js";
import { networkSchema } from "./schema-network.js";
import { strategiesSchema } from "./schema-strategy.js";
import { expectSchema } from "./schema-expect.js";
import { radioSchema } from "./schema-radio.js";
import { sweepSchema } from "./schema-sweep.js";

const MAX_CLIENTS = 10_000_000;
const MAX_SEED = 4_294_967_295;
const MAX_REPLICATIONS = 10_000;

const crashSchema = strict({
  fraction: fraction().describe("Probability that each client crashes silently (sends and answers nothing, for ever), 0 to 1"),
  between: z
    .tuple([duration(false), duration(false)], { error: 'expected a [from, to] pair of durations such as ["10m", "50m"]' })
    .describe('Crash instants are uniform in this window [from, to] (durations, from <= to <= duration), e.g. ["10m", "50m"]'),
}).describe("Injected client crashes; default: none");

const reconnectSchema = strict({
  delay: duration(false).prefault("1s").describe(durationDoc('Wait before the first new connect attempt. Default "1s"')),
  backoff: numberAtLeast(1).default(2).describe("Each further wait is the previous one times this (>= 1). Default 2"),
  maxDelay: duration(false)
    .prefault("5m")
    .describe(durationDoc('Longest wait between attempts, at least delay. Default "5m"')),
  jitter: fraction()
    .default(0.5)
    .describe("Each wait is multiplied by a uniform factor in [1 - jitter, 1 + jitter], 0 to 1. Default 0.5"),
  connectTimeout: duration(true)
    .prefault("10s")
    .describe(durationDoc('A CONNECT unanswered for this long is retried, > 0. Default "10s"')),
})
  .prefault({})
  .describe("Reconnection after a lost connection or an unanswered CONNECT");

const clientsSchema = strict({
  count: intRange(1, MAX_CLIENTS).describe(`Number of simulated clients (integer, 1 to ${groupDigits(MAX_CLIENTS)})`),
  connect: strict({
    spread: duration(false)
      .prefault("0s")
      .describe(durationDoc('First connect attempts are uniform in [0, spread). Default "0s"')),
  })
    .prefault({})
    .describe("How clients first connect"),
  crash: crashSchema.optional(),
  reconnect: reconnectSchema,
  traffic: strict({
    meanInterval: duration(true).describe(durationDoc("Mean time between two requests of a client (exponential), > 0")),
  })
    .optional()
    .describe(
      "Application requests client -> server, a Poisson process per client while connected, each answered by the " +
        "server; they count as signs of life both ways. Default: none",
    ),
  radio: radioSchema,
}).describe("The simulated client population");

const serverSchema = strict({
  restarts: z
    .array(
      strict({
        at: duration(false).describe(durationDoc("When the server goes down")),
        downFor: duration(true).describe(durationDoc("How long it stays down, > 0")),
      }).describe("One restart"),
      { error: 'expected an array of restarts such as [{"at": "40m", "downFor": "30s"}]' },
    )
    .prefault([])
    .describe(
      "Server restarts, in time order and not overlapping, each over before the run ends: the server forgets every " +
        "connection and drops every message that arrives while it is down. Default []",
    ),
})
  .prefault({})
  .describe("The server");

const metricsSchema = strict({
  bucket: duration(true)
    .prefault("1s")
    .describe(durationDoc('Width of the time buckets for rates and time series, > 0. Default "1s"')),
})
  .prefault({})
  .describe("How results are aggregated");

export const scenarioSchema = strict({
  $schema: z
    .string()
    .optional()
    .describe("Path or URL of the scenario JSON Schema, for editors; ignored by the simulator"),
  name: z
    .string({ error: 'expected a name made of a-z, 0-9, ".", "_" and "-"' })
    .regex(/^[a-z0-9._-]+$/)
    .describe("Scenario name ([a-z0-9._-]+); names the results folder"),
  description: z.string().default("").describe('Free text. Default ""'),
  seed: intRange(0, MAX_SEED)
    .default(1)
    .describe(`Root seed of every random stream (integer, 0 to ${groupDigits(MAX_SEED)}). Default 1`),
  replications: intRange(1, MAX_REPLICATIONS)
    .default(1)
    .describe(`Runs with independent seeds (integer, 1 to ${groupDigits(MAX_REPLICATIONS)}). Default 1`),
  duration: duration(true).describe(durationDoc("Simulated time of each run, > 0")),
  clients: clientsSchema,
  network: networkSchema,
  server: serverSchema,
  strategies: strategiesSchema,
  metrics: metricsSchema,
  expect: expectSchema,
  sweep: sweepSchema,
}).describe("A heartbeat-sim scenario: clients, network, and the heartbeat strategies to compare");

/** A scenario file as written (every default optional, durations as strings or seconds). */
type ScenarioFile = z.input<typeof scenarioSchema>;
/** A scenario after the schema: defaults filled, durations in integer microseconds. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
