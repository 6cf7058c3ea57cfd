// Schema output -> Plan: fill the defaults that depend on other fields,
// split "link" into both directions, convert lognormal median/p99 to mu/sigma,
// expand radio presets, and read the expectations in file order. Runs only on
// a checked scenario. Strategies are resolved in resolve-strategy.ts.

import { BOUND_OPS } from "./schema-expect.js";
import { resolveRadio } from "./schema-radio.js";
import { resolveStrategy } from "./resolve-strategy.js";
import { valueAt } from "./messages.js";
import { deepFreeze } from "./freeze.js";
import type { ParsedScenario } from "./schema.js";
import type { Bound, DelayPlan, Expectation, LinkPlan, NetworkPlan, Over, Plan, TransportPlan } from "./plan.js";

/** The standard normal quantile at 0.99: ln(p99) = mu + Z99 * sigma. */
export const Z99 = 2.3263478740408408;

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
  return { kind: "tcp", rtoMinUs: transport.rtoMin, rtoMaxUs: transport.rtoMax, retries: transport.retries };
}

function resolveLink(link: Link): LinkPlan {
  return { delay: resolveDelay(link.delay), loss: { ...link.loss } };
}

function resolveDelay(delay: Link["delay"]): DelayPlan {
  switch (delay.dist) {
    case "constant":
      return { dist: "constant", valueUs: delay.value };
    case "uniform":
      return { dist: "uniform", minUs: delay.min, maxUs: delay.max };
    case "normal":
      return { dist: "normal", meanUs: delay.mean, sdUs: delay.sd };
    case "exponential":
      return { dist: "exponential", meanUs: delay.mean };
    case "pareto":
      return { dist: "pareto", minUs: delay.min, alpha: delay.alpha };
    case "lognormal": {
      if (delay.median === undefined || delay.p99 === undefined) {
        return { dist: "lognormal", mu: delay.mu ?? 0, sigma: delay.sigma ?? 0 };
      }
      const lnMedian = Math.log(delay.median / 1e6);
      return { dist: "lognormal", mu: lnMedian, sigma: (Math.log(delay.p99 / 1e6) - lnMedian) / Z99 };
    }
  }
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
