// Rules that relate several fields, run on the schema's output (durations
// already in µs) once the structure is valid. Every problem is reported, in
// file order; within one part (a strategy, a link) only the first, since a
// later rule there may rest on an earlier one.

import { didYouMean } from "./did-you-mean.js";
import { formatDurationUs as fmt } from "./duration.js";
import { groupDigits } from "./fields.js";
import { type Problem, valueAt } from "./messages.js";
import type { ParsedScenario } from "./schema.js";
import { checkNetwork } from "./checks-network.js";
import { checkStrategies } from "./checks-strategies.js";

/** Time series are arrays of this many buckets per run; more would not fit in memory usefully. */
export const MAX_BUCKETS = 10_000_000;

export function checkScenario(parsed: ParsedScenario, raw: unknown): Problem[] {
  return [
    checkCrash(parsed),
    checkReconnect(parsed),
    ...checkNetwork(parsed.network),
    checkRestarts(parsed),
    ...checkStrategies(parsed.strategies, parsed.clients.traffic !== undefined),
    checkBuckets(parsed),
    checkExpectKeys(raw, parsed.strategies.map((s) => s.name)),
  ].filter((p): p is Problem => p !== undefined);
}

function checkCrash(parsed: ParsedScenario): Problem | undefined {
  if (parsed.clients.crash === undefined) return undefined;
  const [fromUs, toUs] = parsed.clients.crash.between;
  const path = ["clients", "crash", "between"];
  if (fromUs > toUs) {
    return {
      kind: "expected",
      path: [...path, 0],
      expected: `a start no later than the end of the window (${fmt(toUs)})`,
      found: fmt(fromUs),
    };
  }
  if (toUs > parsed.duration) {
    return {
      kind: "expected",
      path: [...path, 1],
      expected: `a time within the run's duration (${fmt(parsed.duration)})`,
      found: fmt(toUs),
    };
  }
  return undefined;
}

function checkReconnect(parsed: ParsedScenario): Problem | undefined {
  const { delay, maxDelay } = parsed.clients.reconnect;
  if (maxDelay >= delay) return undefined;
  return {
    kind: "expected",
    path: ["clients", "reconnect", "maxDelay"],
    expected: `a maxDelay no shorter than the reconnect delay (${fmt(delay)})`,
    found: fmt(maxDelay),
  };
}

/** In time order, one at a time, each over before the run ends, so "the server is down" is one interval at a time. */
function checkRestarts(parsed: ParsedScenario): Problem | undefined {
  let previousEndUs = 0;
  for (const [i, { at, downFor }] of parsed.server.restarts.entries()) {
    const path = ["server", "restarts", i];
    if (i > 0 && at < previousEndUs) {
      return {
        kind: "expected",
        path: [...path, "at"],
        expected: `a time no earlier than the end of the previous restart (${fmt(previousEndUs)}; restarts in time order, not overlapping)`,
        found: fmt(at),
      };
    }
    if (at + downFor > parsed.duration) {
      return {
        kind: "expected",
        path: [...path, "downFor"],
        expected: `a restart over within the run's duration (${fmt(parsed.duration)}, so at most ${fmt(Math.max(0, parsed.duration - at))} from ${fmt(at)})`,
        found: fmt(downFor),
      };
    }
    previousEndUs = at + downFor;
  }
  return undefined;
}

function checkBuckets(parsed: ParsedScenario): Problem | undefined {
  if (Math.ceil(parsed.duration / parsed.metrics.bucket) <= MAX_BUCKETS) return undefined;
  const smallestUs = Math.ceil(parsed.duration / MAX_BUCKETS);
  return {
    kind: "expected",
    path: ["metrics", "bucket"],
    expected: `a bucket of at least ${fmt(smallestUs)} (at most ${groupDigits(MAX_BUCKETS)} buckets in a ${fmt(parsed.duration)} run)`,
    found: fmt(parsed.metrics.bucket),
  };
}

/**
 * Read from the raw JSON, not the schema's output: zod's records skip a
 * "__proto__" key silently, and an expectation must never be dropped unseen.
 */
function checkExpectKeys(raw: unknown, names: readonly string[]): Problem | undefined {
  const expect = valueAt(raw, ["expect"]);
  if (typeof expect !== "object" || expect === null) return undefined;
  for (const key of Object.keys(expect)) {
    if (key === "*" || names.includes(key)) continue;
    return {
      kind: "text",
      path: ["expect"],
      text: `unknown strategy ${JSON.stringify(key)}${didYouMean(key, names)} (keys are strategy names or "*")`,
    };
  }
  return undefined;
}
