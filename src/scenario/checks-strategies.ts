// Strategy rules that relate fields: unique names, fields that only make
// sense for one initiator, and timeouts that would kill every connection.

import { formatDurationUs as fmt } from "./duration.js";
import type { Path, Problem } from "./messages.js";
import type { ParsedScenario } from "./schema.js";

type Strategy = ParsedScenario["strategies"][number];

export function checkStrategies(strategies: readonly Strategy[]): Problem | undefined {
  const firstIndexByName = new Map<string, number>();
  for (const [i, strategy] of strategies.entries()) {
    const path: Path = ["strategies", i];
    const first = firstIndexByName.get(strategy.name);
    if (first !== undefined) {
      return {
        kind: "expected",
        path: [...path, "name"],
        expected: "a name no other strategy uses",
        why: `strategies[${first}] has the same name`,
      };
    }
    firstIndexByName.set(strategy.name, i);
    const problem = checkInitiatorFields(strategy, path) ?? checkTimeouts(strategy, path);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkInitiatorFields(s: Strategy, path: Path): Problem | undefined {
  if (s.initiator === "server" && s.ack !== undefined) {
    return {
      kind: "expected",
      path: [...path, "ack"],
      expected: 'nothing ("ack" applies to client-initiated strategies only: a client always answers a server ping)',
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

/** The client watches the server only when the server sends something regularly: pings, or acks. */
export function clientWatches(s: Pick<Strategy, "initiator" | "ack">): boolean {
  return s.initiator === "server" || s.ack !== false;
}

function checkTimeouts(s: Strategy, path: Path): Problem | undefined {
  const interval = fmt(s.interval);
  if (s.detector.kind === "timeout") {
    if (s.timeout === undefined) {
      return { kind: "expected", path: [...path, "timeout"], expected: 'a timeout (required with the "timeout" detector)' };
    }
    if (s.timeout <= s.interval) {
      return {
        kind: "expected",
        path: [...path, "timeout"],
        expected: `a timeout longer than the interval (${interval})`,
        found: fmt(s.timeout),
        why: "every connection would be released between two heartbeats",
      };
    }
  }
  // with "missed" and neither timeout given, the derived (threshold + 1) * interval is always longer
  const clientTimeout = s.clientTimeout ?? s.timeout;
  if (!clientWatches(s) || clientTimeout === undefined || clientTimeout > s.interval) return undefined;
  const given = s.clientTimeout !== undefined;
  return {
    kind: "expected",
    path: [...path, given ? "clientTimeout" : "timeout"],
    expected: given
      ? `a clientTimeout longer than the interval (${interval})`
      : `a timeout longer than the interval (${interval}), as clientTimeout defaults to it`,
    found: fmt(clientTimeout),
    why: "every client would drop its connection between two heartbeats",
  };
}
