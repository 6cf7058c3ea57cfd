// The timeout detector: silence >= the strategy's `timeout` releases.
import * as z from "zod";
import { strict } from "../../../scenario/fields.js";
import { formatDurationUs as fmt } from "../../../scenario/duration.js";
import type { DetectorSpec } from "../spec.js";
import { TimeoutDetector } from "./detector.js";
import type { TimeoutPlan } from "./plan.js";

const schema = strict({
  kind: z.literal("timeout").describe("Release a connection after `timeout` of silence"),
});

export const timeout: DetectorSpec<TimeoutPlan, typeof schema> = {
  kind: "timeout",
  schema,
  resolve: () => ({ kind: "timeout" }),
  silenceUs: () => undefined,
  boundUs: (_d, s) => s.timeoutUs,
  check(_d, s) {
    if (s.timeoutUs === undefined) {
      return { kind: "expected", path: [...s.path, "timeout"], expected: 'a timeout (required with the "timeout" detector)' };
    }
    if (s.timeoutUs <= s.longestUs) {
      return {
        kind: "expected",
        path: [...s.path, "timeout"],
        expected: `a timeout longer than ${s.longest} (${s.interval})`,
        found: fmt(s.timeoutUs),
        why: "every connection would be released between two heartbeats",
      };
    }
    return undefined;
  },
  bytesPerClient: () => 0,
  make: () => new TimeoutDetector(),
  plainTimeout: true,
  initiators: ["client", "server"],
  example: { kind: "timeout" },
};
