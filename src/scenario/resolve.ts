// Schema output -> Plan: fill the defaults that depend on other fields,
// split "link" into both directions, expand radio presets, and read the
// expectations in file order. Runs only on a checked scenario. Strategies
// are resolved in resolve-strategy.ts, each delay and loss law by its own
// file (src/net/delay/, src/net/loss/).

import { delayLawOf } from "../net/delay/registry.js";
import { lossLawOf } from "../net/loss/registry.js";
import { DEFAULT_HZ } from "../net/ticks.js";
import { BOUND_OPS } from "./schema-expect.js";
import { resolveRadio } from "./schema-radio.js";
import { resolveStrategy } from "./resolve-strategy.js";
import { valueAt } from "./messages.js";
import { deepFreeze } from "./freeze.js";
import type { ParsedScenario } from "./schema.js";
import type { Bound, Expectation, LinkPlan, NetworkPlan, Over, Plan, TransportPlan } from "./plan.js";

// the lognormal law's, where readers of the resolver have known it
export { Z99 } from "../net/delay/lognormal.js";

type Link = NonNullable<ParsedScenario["network"]["link"]>;

export function resolvePlan(parsed: ParsedScenario, raw: unknown): Plan {
  const { clients } = parsed;
  const plan: Plan = {
    name: parsed.name,
    description: parsed.description,
    seed: parsed.seed,
    replications: parsed.replications,
    durationUs: parsed.duration,
    clients: {
      count: clients.count,
      connectSpreadUs: clients.connect.spread,
      crash:
        clients.crash === undefined
          ? { fraction: 0, fromUs: 0, toUs: 0 }
          : { fraction: clients.crash.fraction, fromUs: clients.crash.between[0], toUs: clients.crash.between[1] },
      reconnect: {
        delayUs: clients.reconnect.delay,
        backoff: clients.reconnect.backoff,
        maxDelayUs: clients.reconnect.maxDelay,
        jitter: clients.reconnect.jitter,
        connectTimeoutUs: clients.reconnect.connectTimeout,
      },
      ...(clients.traffic === undefined ? {} : { traffic: { meanIntervalUs: clients.traffic.meanInterval } }),
      radio: resolveRadio(clients.radio),
    },
    network: resolveNetwork(parsed.network),
    server: { restarts: parsed.server.restarts.map((r) => ({ atUs: r.at, downForUs: r.downFor })) },
    strategies: parsed.strategies.map(resolveStrategy),
    bucketUs: parsed.metrics.bucket,
    expect: resolveExpect(valueAt(raw, ["expect"])),
    ...(parsed.sweep === undefined ? {} : { sweep: parsed.sweep }),
  };
  return deepFreeze(plan);
}

function resolveNetwork(network: ParsedScenario["network"]): NetworkPlan {
  // checks.ts guarantees either link, or both uplink and downlink
  const uplink = network.link ?? network.uplink;
  const downlink = network.link ?? network.downlink;
  if (uplink === undefined || downlink === undefined) throw new Error("unchecked network reached resolve");
  const { outages, natIdleTimeout, transport } = network;
  return {
    uplink: resolveLink(uplink),
    downlink: resolveLink(downlink),
    ...(outages === undefined ? {} : { outages: { meanUpUs: outages.meanUp, meanDownUs: outages.meanDown } }),
    natIdleTimeoutUs: natIdleTimeout ?? 0,
    transport: resolveTransport(transport),
  };
}

function resolveTransport(transport: ParsedScenario["network"]["transport"]): TransportPlan {
  if (transport === "datagram") return { kind: "datagram" };
  return {
    kind: "tcp",
    model: transport.model,
    rtoMinUs: transport.rtoMin,
    rtoMaxUs: transport.rtoMax,
    retries: transport.retries,
    // the simple model's timers are exact: no tick
    hz: transport.model === "linux" ? (transport.hz ?? DEFAULT_HZ) : 0,
  };
}

function resolveLink(link: Link): LinkPlan {
  return { delay: delayLawOf(link.delay).resolve(link.delay), loss: lossLawOf(link.loss).resolve(link.loss) };
}

type RawBounds = Readonly<Record<string, unknown>>;

/**
 * One Expectation per (strategy key, column, op) in the order the file gives
 * them; read from the raw JSON because the schema's output orders keys by
 * the schema, not the file. The schema has already validated every value.
 */
function resolveExpect(expect: unknown): Expectation[] {
  if (expect === undefined) return [];
  const result: Expectation[] = [];
  for (const [strategy, columns] of Object.entries(expect as Record<string, Record<string, RawBounds>>)) {
    for (const [column, bounds] of Object.entries(columns)) {
      const over = (bounds.of as Over | undefined) ?? "each";
      for (const op of Object.keys(bounds)) if (op !== "of") result.push({ strategy, column, bound: toBound(op, bounds), over });
    }
  }
  return result;
}

function toBound(op: string, bounds: RawBounds): Bound {
  const value = bounds[op];
  switch (op as (typeof BOUND_OPS)[number]) {
    case "min":
    case "max":
    case "eq":
      return { op: op as "min" | "max" | "eq", value: value as number };
    case "approx": {
      const approx = value as { value: number; rel: number };
      return { op: "approx", value: approx.value, rel: approx.rel };
    }
  }
}
