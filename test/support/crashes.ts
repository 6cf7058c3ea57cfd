// The loss-free crash experiment several detector tests share: 2000 clients
// connecting over a minute, half of them crashing between minute 10 and 50,
// constant one-way delay d. Every release must be of a crashed client.
import { expect } from "vitest";
import { runStrategy } from "../../src/run.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S } from "./plan.js";

export function crashPlan(s: StrategyPlan, delayUs: number): Plan {
  return plan({
    count: 2000,
    connectSpreadUs: 60 * S,
    crash: { fraction: 0.5, fromUs: 600 * S, toUs: 3000 * S },
    uplink: link(delayUs),
    downlink: link(delayUs),
    strategies: [s],
  });
}

/** detection latencies in µs, and the run's summary */
export function crashLatenciesUs(s: StrategyPlan, delayUs: number): { lat: number[]; summary: Record<string, unknown> } {
  const run = runStrategy(crashPlan(s, delayUs), s, 0);
  const lat: number[] = [];
  for (let k = 0; k < run.detections.count; k++) {
    expect(run.detections.crashed[k]).toBe(1); // no false releases on loss-free links
    lat.push(run.detections.latencyUs[k]);
  }
  return { lat, summary: run.summary };
}
