// Link models of the scenario schema: delay and loss (each law's object in
// its own file, src/net/delay/ and src/net/loss/, listed in their
// registries), outages, NAT expiry and the transport. Cross-field rules
// (rtoMin <= rtoMax, and the laws' own) are in checks-network.ts.

import * as z from "zod";
import { delaySchema } from "../net/delay/registry.js";
import { lossSchema } from "../net/loss/registry.js";
import { DEFAULT_HZ, TICK_RATES, type TickRate } from "../net/ticks.js";
import { duration, durationDoc, intRange, strict } from "./fields.js";

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

const TICK_RATE_EXPECTED = `expected the kernel's tick rate: ${TICK_RATES.join(", ")} (0: no tick)`;

const tcpSchema = strict({
  kind: z.literal("tcp").describe("Loss becomes delay: lost transmissions are retransmitted, delivery is in order"),
  model: z
    .enum(["linux", "simple"])
    .default("linux")
    .describe(
      '"linux" (default): the sender learns from ACKs (delayed, riding on answers, lost like any packet), with Linux\'s RTO ' +
        "(SRTT + RTTVAR from timestamped samples, rtoMin the floor of the variation, 1 s before the first sample), " +
        "backoff, tail loss probe and the kernel's tick (hz) (docs/model.md). " +
        '"simple": the simulator knows a transmission is lost, and each segment\'s RTO starts at rtoMin and doubles',
    ),
  rtoMin: duration(true)
    .prefault("200ms")
    .describe(
      durationDoc(
        'Linux\'s rto_min, > 0: the floor of the RTO\'s variation term ("linux"; the RTO is SRTT + max(RTTVAR, rtoMin)), ' +
          'or the first retransmission timeout, doubling per retransmission ("simple"). Default "200ms" (Linux)',
      ),
    ),
  rtoMax: duration(true)
    .prefault("120s")
    .describe(durationDoc('Largest retransmission timeout, at least rtoMin. Default "120s" (Linux)')),
  retries: intRange(0, MAX_TCP_RETRIES)
    .default(15)
    .describe(
      `Failed retransmissions after which the sender breaks the connection (integer, 0 to ${MAX_TCP_RETRIES}). ` +
        "Default 15 (Linux tcp_retries2: about 924.6 s with the default timeouts)",
    ),
  hz: z
    .number({ error: TICK_RATE_EXPECTED })
    .refine((hz): hz is TickRate => (TICK_RATES as readonly number[]).includes(hz), { error: TICK_RATE_EXPECTED })
    .optional()
    .describe(
      'The "linux" model\'s kernel tick rate (CONFIG_HZ): every TCP timeout is kept in whole jiffies, rounded up, and ' +
        "the timer wheel runs it at its level's next tick, a few percent late (docs/model.md). " +
        `${TICK_RATES.filter((h) => h !== 0).join(", ")}, or 0 for exact timers. Default ${DEFAULT_HZ} (Debian, Android)`,
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
      "transmission is retransmitted after Linux's RTO (the \"linux\" model) or one starting at rtoMin and doubling " +
      '("simple"), up to rtoMax; each direction delivers in order; after `retries` failed retransmissions the sender ' +
      "breaks the connection",
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
