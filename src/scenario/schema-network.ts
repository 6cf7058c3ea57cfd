// Link models of the scenario schema: delay distributions and loss models,
// outages, NAT expiry and the transport. Cross-field rules (uniform min <=
// max, lognormal's two forms, rtoMin <= rtoMax) are in checks-network.ts.

import * as z from "zod";
import { duration, durationDoc, fraction, intRange, notAnObject, positiveNumber, strict } from "./fields.js";

const delayDistributions = [
  strict({
    dist: z.literal("constant").describe("Every message takes the same delay"),
    value: duration(false).describe(durationDoc("The one-way delay")),
  }),
  strict({
    dist: z.literal("uniform").describe("Delay uniform in [min, max]"),
    min: duration(false).describe(durationDoc("Smallest delay")),
    max: duration(false).describe(durationDoc("Largest delay, at least min")),
  }),
  strict({
    dist: z.literal("normal").describe("Normal delay, truncated at 0"),
    mean: duration(false).describe(durationDoc("Mean delay")),
    sd: duration(false).describe(durationDoc("Standard deviation of the delay")),
  }),
  strict({
    dist: z
      .literal("lognormal")
      .describe("Log-normal delay: give either median and p99, or mu and sigma (not a mix)"),
    median: duration(true).optional().describe(durationDoc("Median delay, > 0 (with p99)")),
    p99: duration(true).optional().describe(durationDoc("99th percentile of the delay, above the median (with median)")),
    mu: z.number().optional().describe("Mean of ln(delay in seconds) (with sigma)"),
    sigma: z
      .number({ error: "expected a number >= 0" })
      .min(0)
      .optional()
      .describe("Standard deviation of ln(delay in seconds), >= 0 (with mu)"),
  }),
  strict({
    dist: z.literal("exponential").describe("Exponentially distributed delay"),
    mean: duration(true).describe(durationDoc("Mean delay, > 0")),
  }),
  strict({
    dist: z.literal("pareto").describe("Pareto (heavy-tailed) delay"),
    min: duration(true).describe(durationDoc("Scale: the smallest delay, > 0")),
    alpha: positiveNumber().describe("Shape (tail index), > 0; smaller means a heavier tail"),
  }),
] as const;

const delaySchema = z
  .discriminatedUnion("dist", delayDistributions, {
    error: notAnObject('expected a delay distribution object such as {"dist": "constant", "value": "40ms"}'),
  })
  .describe("One-way delay distribution of each message, chosen by \"dist\"; every draw is truncated at 0");

const lossSchema = z
  .discriminatedUnion(
    "model",
    [
      strict({ model: z.literal("none").describe("No message is lost") }),
      strict({
        model: z.literal("bernoulli").describe("Each message is lost independently"),
        p: fraction().describe("Loss probability per message, 0 to 1"),
      }),
      strict({
        model: z
          .literal("gilbert-elliott")
          .describe("Bursty loss: a two-state (good/bad) Markov chain stepped once per message"),
        pGoodToBad: fraction().describe("Probability of moving from good to bad per message, 0 to 1"),
        pBadToGood: fraction().describe("Probability of moving from bad to good per message, 0 to 1"),
        lossGood: fraction().describe("Loss probability in the good state, 0 to 1"),
        lossBad: fraction().describe("Loss probability in the bad state, 0 to 1"),
      }),
    ],
    { error: notAnObject('expected a loss model object such as {"model": "bernoulli", "p": 0.01}') },
  )
  .prefault({ model: "none" })
  .describe('Message loss model, chosen by "model"; default {"model": "none"}');

const linkSchema = strict({
  delay: delaySchema,
  loss: lossSchema,
}).meta({ id: "link", description: "One direction of every client's path: delay and loss" });

const MAX_TCP_RETRIES = 255;

const outagesSchema = strict({
  meanUp: duration(true).describe(durationDoc("Mean length of an up period (exponential), > 0")),
  meanDown: duration(true).describe(durationDoc("Mean length of a down period (exponential), > 0")),
}).describe(
  "Per client, alternating exponential up and down periods of its path (the same for every strategy); " +
    "down drops every message both ways. The long-run down fraction is meanDown / (meanUp + meanDown). Default: none",
);

const tcpSchema = strict({
  kind: z.literal("tcp").describe("Loss becomes delay: lost transmissions are retransmitted, delivery is in order"),
  rtoMin: duration(true)
    .prefault("200ms")
    .describe(durationDoc('First retransmission timeout, > 0; it doubles per retransmission. Default "200ms" (Linux)')),
  rtoMax: duration(true)
    .prefault("120s")
    .describe(durationDoc('Largest retransmission timeout, at least rtoMin. Default "120s" (Linux)')),
  retries: intRange(0, MAX_TCP_RETRIES)
    .default(15)
    .describe(
      `Failed retransmissions after which the sender breaks the connection (integer, 0 to ${MAX_TCP_RETRIES}). ` +
        "Default 15 (Linux tcp_retries2: about 924.6 s with the default timeouts)",
    ),
});

const transportSchema = z
  .union([z.literal("datagram"), tcpSchema], {
    error: (issue) =>
      issue.code === "invalid_union" || issue.code === "invalid_value"
        ? 'expected "datagram" or {"kind": "tcp", "rtoMin": "200ms", "rtoMax": "120s", "retries": 15}'
        : undefined,
  })
  .prefault("datagram")
  .describe(
    '"datagram" (default): each message is lost or delivered on its own. {"kind": "tcp", ...}: a lost ' +
      "transmission is retransmitted after an RTO starting at rtoMin and doubling up to rtoMax; each direction " +
      "delivers in order; after `retries` failed retransmissions the sender breaks the connection",
  );

export const networkSchema = strict({
  link: linkSchema.optional().describe("The same model for both directions (instead of uplink and downlink)"),
  uplink: linkSchema.optional().describe("Client -> server direction (give together with downlink)"),
  downlink: linkSchema.optional().describe("Server -> client direction (give together with uplink)"),
  outages: outagesSchema.optional(),
  natIdleTimeout: duration(true)
    .optional()
    .describe(
      durationDoc(
        "A client's NAT mapping expires after this long without traffic through it, > 0; the connection is " +
          "then broken (the next uplink message is answered with RESET, downlink messages vanish). Default: no NAT",
      ),
    ),
  transport: transportSchema,
}).describe('Each client\'s links to the server: either "link", or both "uplink" and "downlink"; optionally outages, NAT and TCP');
