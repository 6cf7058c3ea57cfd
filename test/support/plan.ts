// Builds Plans directly, so model tests do not depend on the scenario loader.
import type { LinkPlan, Plan, StrategyPlan, TransportPlan } from "../../src/scenario/plan.js";

export const S = 1_000_000; // µs per second

export function link(delayUs: number, p = 0): LinkPlan {
  return {
    delay: { dist: "constant", valueUs: delayUs },
    loss: p > 0 ? { model: "bernoulli", p } : { model: "none" },
  };
}

export function strategy(over: Partial<StrategyPlan> & Pick<StrategyPlan, "name" | "initiator">): StrategyPlan {
  const intervalUs = over.intervalUs ?? 30 * S;
  const timeoutUs = over.timeoutUs ?? 75 * S;
  return {
    intervalUs,
    timeoutUs,
    clientTimeoutUs: over.clientTimeoutUs ?? timeoutUs,
    ack: true,
    jitter: 0,
    schedule: "per-client",
    detector: { kind: "timeout" },
    piggyback: false,
    adaptive: null,
    ...over,
  };
}

export interface PlanOver {
  name?: string;
  seed?: number;
  replications?: number;
  durationUs?: number;
  count?: number;
  connectSpreadUs?: number;
  crash?: Plan["clients"]["crash"];
  reconnect?: Partial<Plan["clients"]["reconnect"]>;
  uplink?: LinkPlan;
  downlink?: LinkPlan;
  transport?: TransportPlan;
  strategies?: StrategyPlan[];
  bucketUs?: number;
}

export function plan(o: PlanOver = {}): Plan {
  return {
    name: o.name ?? "test",
    description: "",
    seed: o.seed ?? 1,
    replications: o.replications ?? 1,
    durationUs: o.durationUs ?? 3600 * S,
    clients: {
      count: o.count ?? 100,
      connectSpreadUs: o.connectSpreadUs ?? 30 * S,
      crash: o.crash ?? { fraction: 0, fromUs: 0, toUs: 0 },
      reconnect: {
        delayUs: 1 * S,
        backoff: 2,
        maxDelayUs: 300 * S,
        jitter: 0.5,
        connectTimeoutUs: 10 * S,
        ...o.reconnect,
      },
      radio: null,
    },
    network: {
      uplink: o.uplink ?? link(50_000),
      downlink: o.downlink ?? link(50_000),
      natIdleTimeoutUs: 0,
      transport: o.transport ?? { kind: "datagram" },
    },
    server: { restarts: [] },
    strategies: o.strategies ?? [
      strategy({ name: "client", initiator: "client" }),
      strategy({ name: "server", initiator: "server" }),
    ],
    bucketUs: o.bucketUs ?? 1 * S,
    expect: [],
  };
}
