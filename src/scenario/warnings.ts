// Values that are valid but most likely not what was meant: they run, and a
// warning names the place and the likely intent. A plain number is seconds,
// so an interval or timeout of an hour or more written as a bare number was
// most likely meant in milliseconds ("interval": 30000); and a period or
// timeout longer than the whole run never comes round.

import { formatDurationUs as fmt } from "./duration.js";
import { type Path, type Problem, valueAt } from "./messages.js";
import type { ParsedScenario } from "./schema.js";

const HOUR_S = 3600;

/**
 * The strategy's periods and timeouts, by key: what each would mean if it
 * never came round (undefined: a choice, such as a clientTimeout that keeps
 * clients from ever giving up, which a scenario may make on purpose).
 */
const TIMED: Readonly<Record<string, string | undefined>> = {
  interval: "no heartbeat is ever sent",
  timeout: "the server never releases a silent client",
  clientTimeout: undefined,
};
const ADAPTIVE_TIMED = ["min", "max", "step"] as const;

export function scenarioWarnings(parsed: ParsedScenario, raw: unknown): Problem[] {
  const warnings: Problem[] = [];
  parsed.strategies.forEach((s, i) => {
    for (const [key, never] of Object.entries(TIMED)) {
      const us = (s as Record<string, unknown>)[key];
      if (typeof us !== "number") continue;
      const path: Path = ["strategies", i, key];
      const ms = bareMilliseconds(raw, path);
      if (ms !== undefined) warnings.push(ms);
      else if (never !== undefined && us > parsed.duration) warnings.push(longerThanRun(path, us, parsed.duration, never));
    }
    for (const key of ADAPTIVE_TIMED) {
      const ms = s.adaptive === undefined ? undefined : bareMilliseconds(raw, ["strategies", i, "adaptive", key]);
      if (ms !== undefined) warnings.push(ms);
    }
  });
  return warnings;
}

/** a bare number of an hour or more, which reads as seconds */
function bareMilliseconds(raw: unknown, path: Path): Problem | undefined {
  const value = valueAt(raw, path);
  if (typeof value !== "number" || value < HOUR_S) return undefined;
  const asMs = Math.round(value * 1000);
  return {
    kind: "text",
    path,
    text: `${value} is read as seconds (${fmt(value * 1e6)}); if milliseconds were meant, write "${value}ms" (${fmt(asMs)})`,
  };
}

function longerThanRun(path: Path, us: number, durationUs: number, never: string): Problem {
  return { kind: "text", path, text: `${fmt(us)} is longer than the run (${fmt(durationUs)}): ${never}` };
}
