// Strategy rules that relate fields: unique names, fields that only make
// sense for one initiator, interval or adaptive, combinations without a
// meaning, and timeouts that would kill every connection.

import { formatDurationUs as fmt } from "./duration.js";
import type { Path, Problem } from "./messages.js";
import { specOf } from "../strategies/detectors/registry.js";
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
      checkCombinations(strategy, path) ??
      checkDetector(strategy, path, traffic) ??
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

/** An adaptive interval learns from acknowledged heartbeats, so it needs acks. */
function checkCombinations(s: Strategy, path: Path): Problem | undefined {
  if (s.adaptive !== undefined && s.ack === false) {
    return { kind: "expected", path: [...path, "ack"], expected: "true with an adaptive interval (it learns from acknowledged heartbeats)", found: "false" };
  }
  return undefined;
}

/** what the strategy's detector makes of the rest of it (each detector's spec.check) */
function checkDetector(s: Strategy, path: Path, traffic: boolean): Problem | undefined {
  const { longestUs, detector, silenceUs } = strategyTimeouts(s);
  return specOf(detector).check(detector, {
    path,
    initiator: s.initiator,
    schedule: s.schedule,
    jitter: s.jitter,
    piggyback: s.piggyback,
    adaptive: s.adaptive !== undefined,
    traffic,
    timeoutUs: s.timeout,
    longestUs,
    silenceUs,
    ...longestText(s, longestUs),
  });
}

/** how messages name the longest interval: "the interval" (30s), or "the longest interval" (adaptive.max, 2m) */
function longestText(s: Strategy, longestUs: number): { longest: string; interval: string } {
  return s.adaptive === undefined
    ? { longest: "the interval", interval: fmt(longestUs) }
    : { longest: "the longest interval", interval: `adaptive.max, ${fmt(longestUs)}` };
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
  return undefined;
}

/** The client watches the server only when the server sends something regularly: pings, or acks. */
function clientWatches(s: Pick<Strategy, "initiator" | "ack">): boolean {
  return s.initiator === "server" || s.ack !== false;
}

function checkTimeouts(s: Strategy, path: Path): Problem | undefined {
  // checkInterval ran: one of interval and adaptive is there
  const { longestUs, clientTimeoutUs: clientTimeout } = strategyTimeouts(s);
  const { longest, interval } = longestText(s, longestUs);
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
