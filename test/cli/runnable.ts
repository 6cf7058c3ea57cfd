// Whether the simulator can run yet: runPlan on a one-client, one-second plan.
// Tests that need real runs skip until it can (remove the skip once it does).
import { runPlan } from "../../src/run.js";
import type { Plan } from "../../src/scenario/plan.js";

const link = { delay: { dist: "constant", valueUs: 10_000 }, loss: { model: "none" } } as const;

export const ONE_CLIENT_PLAN: Plan = {
  name: "one",
  description: "",
  seed: 1,
  replications: 1,
  durationUs: 1_000_000,
  clients: {
    count: 1,
    connectSpreadUs: 0,
    crash: { fraction: 0, fromUs: 0, toUs: 0 },
    reconnect: { delayUs: 1_000_000, backoff: 2, maxDelayUs: 60_000_000, jitter: 0, connectTimeoutUs: 10_000_000 },
  },
  network: { uplink: link, downlink: link },
  strategies: [
    {
      name: "s",
      initiator: "server",
      intervalUs: 100_000,
      timeoutUs: 300_000,
      clientTimeoutUs: 300_000,
      ack: true,
      jitter: 0,
      schedule: "per-client",
      detector: { kind: "timeout" },
    },
  ],
  bucketUs: 1_000_000,
  expect: [],
};

function canRun(): boolean {
  try {
    return runPlan(ONE_CLIENT_PLAN).runs.length === 1;
  } catch {
    return false;
  }
}

export const runnable = canRun();
