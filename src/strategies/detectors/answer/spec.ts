// The answer deadline (Socket.IO's pingTimeout, gRPC keepalive's timeout,
// HTTP/2 PING): the server's pings, each answered within `within`.
import * as z from "zod";
import { duration, durationDoc, strict } from "../../../scenario/fields.js";
import type { DetectorSpec } from "../spec.js";
import { AnswerDetector } from "./detector.js";
import type { AnswerPlan } from "./plan.js";

const schema = strict({
  kind: z
    .literal("answer")
    .describe(
      "Answer deadline (Socket.IO pingTimeout, gRPC keepalive, HTTP/2 PING): every ping the server sends must be " +
        "answered within `within` of being sent, or the connection is released; any message counts as an answer " +
        "(server initiator only)",
    ),
  within: duration(true).describe(durationDoc('How long an answer to a ping may take, > 0 (Socket.IO\'s pingTimeout: "20s")')),
});

export const answer: DetectorSpec<AnswerPlan, typeof schema> = {
  kind: "answer",
  schema,
  resolve: (d) => ({ kind: "answer", withinUs: d.within }),
  // the clients' watch in Socket.IO: pingInterval + pingTimeout
  silenceUs: (d, intervalUs) => intervalUs + d.withinUs,
  // the crash comes after the last answer: the next ping leaves within a (jittered) interval and is due within after
  boundUs: (d, s) => Math.ceil(s.intervalUs * (1 + s.jitter)) + d.withinUs,
  check(_d, s) {
    if (s.initiator === "server") return undefined;
    return {
      kind: "expected",
      path: [...s.path, "detector", "kind"],
      expected: 'a detector other than "answer" with client heartbeats (it times the answers to the server\'s pings)',
      found: '"answer"',
    };
  },
  bytesPerClient: () => 8, // the oldest unanswered ping's send instant
  make: (d) => new AnswerDetector(d.withinUs),
  plainTimeout: false,
  initiators: ["server"],
  example: { kind: "answer", within: "20s" },
};
