// Strategy rules that relate fields: unique names, fields that only make
// sense for one initiator, interval or adaptive, combinations without a
// meaning, and timeouts that would kill every connection.

import { formatDurationUs as fmt } from "./duration.js";
import type { Path, Problem } from "./messages.js";
import { strategyTimeouts } from "./resolve-strategy.js";
import type { ParsedScenario } from "./schema.js";

type Strategy = ParsedScenario["strategies"][number];

/** The first problem of each strategy. `traffic`: the clients send application requests (clients.traffic) */
export function checkStrategies(strategies: readonly Strategy[], traffic: boolean): Problem[] {
  const firstIndexByName = new Map<string, number>();
  const problems: Problem[] = [];
  for (const [i, strategy] of strategies.entries()) {
    const path: Path = ["strategies", i];
    const first = firstIndexByName.get(strategy.name);
    if (first !== undefined) {
      problems.push({
        kind: "expected",
        path: [...path, "name"],
        expected: "a name no other strategy uses",
        why: `strategies[${first}] has the same name`,
      });
      continue;
    }
    firstIndexByName.set(strategy.name, i);
    const problem =
      checkInitiatorFields(strategy, path) ??
      checkInterval(strategy, path) ??
      checkCombinations(strategy, path, traffic) ??
      checkTimeouts(strategy, path);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

function checkInitiatorFields(s: Strategy, path: Path): Problem | undefined {
  if (s.initiator === "server" && s.ack !== undefined) {
    return {
      kind: "expected",
      path: [...path, "ack"],
      expected: 'nothing ("ack" applies to client-initiated strategies only: a client always answers a server ping)',
    };
  }
  if (s.initiator === "server" && s.adaptive !== undefined) {
    return {
      kind: "expected",
      path: [...path, "adaptive"],
      expected: 'nothing ("adaptive" applies to client-initiated strategies only: each client probes its own path)',
    };
  }
  if (s.initiator === "client" && s.schedule !== undefined) {
    return {
      kind: "expected",
      path: [...path, "schedule"],
      expected: 'nothing ("schedule" applies to server-initiated strategies only)',
    };
  }
  return undefined;
}

/**
 * An adaptive interval learns from acknowledged heartbeats, so it needs acks;
 * the freshness detector (NFD-S) credits each arrival to a heartbeat of a
 * fixed send grid (src/strategies/detectors/freshness.ts), so it needs
 * heartbeats alone, on a fixed schedule.
 */
function checkCombinations(s: Strategy, path: Path, traffic: boolean): Problem | undefined {
  if (s.adaptive !== undefined && s.ack === false) {
    return { kind: "expected", path: [...path, "ack"], expected: "true with an adaptive interval (it learns from acknowledged heartbeats)", found: "false" };
  }
  if (s.detector.kind !== "freshness") return undefined;
  const fixedGrid = "with the freshness detector (it credits each arrival to a heartbeat of a fixed send grid)";
  if (s.jitter > 0) return { kind: "expected", path: [...path, "jitter"], expected: `0 ${fixedGrid}`, found: String(s.jitter) };
  if (s.piggyback) return { kind: "expected", path: [...path, "piggyback"], expected: `false ${fixedGrid}`, found: "true" };
  if (s.adaptive !== undefined) return { kind: "expected", path: [...path, "adaptive"], expected: `nothing ${fixedGrid}` };
  if (traffic) {
    return {
      kind: "expected",
      path: [...path, "detector", "kind"],
      expected: `a detector other than "freshness" with clients.traffic (requests break the fixed send grid it credits arrivals to)`,
      found: '"freshness"',
    };
  }
  return undefined;
}

/** Exactly one of interval and adaptive; an adaptive range that can grow. */
function checkInterval(s: Strategy, path: Path): Problem | undefined {
  const a = s.adaptive;
  if (a === undefined) {
    if (s.interval !== undefined) return undefined;
    return { kind: "expected", path: [...path, "interval"], expected: 'an interval (required unless "adaptive" is given)' };
  }
  if (s.interval !== undefined) {
    return {
      kind: "expected",
      path: [...path, "interval"],
      expected: 'nothing ("adaptive" sets the interval: it starts at adaptive.min)',
    };
  }
  if (a.max <= a.min) {
    return {
      kind: "expected",
      path: [...path, "adaptive", "max"],
      expected: `a max longer than min (${fmt(a.min)})`,
      found: fmt(a.max),
    };
  }
  if (s.detector.kind === "missed") {
    return {
      kind: "expected",
      path: [...path, "detector", "kind"],
      expected: 'a detector other than "missed" with "adaptive" (its sweeps run once per fixed interval)',
    };
  }
  return undefined;
}

/** The client watches the server only when the server sends something regularly: pings, or acks. */
function clientWatches(s: Pick<Strategy, "initiator" | "ack">): boolean {
  return s.initiator === "server" || s.ack !== false;
}

function checkTimeouts(s: Strategy, path: Path): Problem | undefined {
  // checkInterval ran: one of interval and adaptive is there
  const { longestUs, detector, silenceUs, clientTimeoutUs: clientTimeout } = strategyTimeouts(s);
  const interval = s.adaptive === undefined ? fmt(longestUs) : `adaptive.max, ${fmt(longestUs)}`;
  const longest = s.adaptive === undefined ? "the interval" : "the longest interval";
  if (detector.kind === "timeout") {
    if (s.timeout === undefined) {
      return { kind: "expected", path: [...path, "timeout"], expected: 'a timeout (required with the "timeout" detector)' };
    }
    if (s.timeout <= longestUs) {
      return {
        kind: "expected",
        path: [...path, "timeout"],
        expected: `a timeout longer than ${longest} (${interval})`,
        found: fmt(s.timeout),
        why: "every connection would be released between two heartbeats",
      };
    }
  }
  if (detector.kind === "phi" && silenceUs !== undefined && silenceUs <= longestUs) {
    return {
      kind: "expected",
      path: [...path, "detector", "threshold"],
      expected: `a threshold that regular heartbeats reach only after more than ${longest} (${interval}) of silence`,
      found: `${detector.threshold} (reached after ${fmt(silenceUs)})`,
      why: "every connection would be released between two heartbeats",
    };
  }
  if (!clientWatches(s) || clientTimeout === undefined || clientTimeout > longestUs) return undefined;
  const given = s.clientTimeout !== undefined ? "clientTimeout" : s.timeout !== undefined ? "timeout" : undefined;
  return {
    kind: "expected",
    path: [...path, given ?? "clientTimeout"],
    expected:
      given === "clientTimeout"
        ? `a clientTimeout longer than ${longest} (${interval})`
        : `a timeout longer than ${longest} (${interval}), as clientTimeout defaults to it`,
    found: fmt(clientTimeout),
    why: "every client would drop its connection between two heartbeats",
  };
}
