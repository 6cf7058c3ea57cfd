// Durations in scenario files: a string with units ("250ms", "30s", "1m30s",
// "1.5s", "2d", "100us") or a plain non-negative number of seconds. They are
// converted here, once, to integer microseconds (rounded to the nearest µs);
// nothing downstream parses units.

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;

/**
 * Units in descending order, each at most once, so "1m30s" is accepted and
 * "30s1m" or "1s1s" are not. `m(?!s)` keeps "250ms" from being read as
 * minutes. Published as the JSON Schema pattern, so editors flag bad units.
 */
export const DURATION_PATTERN = new RegExp(
  String.raw`^(?=\d)(?:${NUMBER}d)?(?:${NUMBER}h)?(?:${NUMBER}m(?!s))?` +
    String.raw`(?:${NUMBER}s)?(?:${NUMBER}ms)?(?:${NUMBER}us)?$`,
);

/** µs per unit, in the order of DURATION_PATTERN's capture groups. */
const UNIT_US = [86_400e6, 3_600e6, 60e6, 1e6, 1e3, 1] as const;

/**
 * 100 years. Keeps every time the kernel computes (now + delay) an exact
 * integer: doubles are exact below 2^53 µs (about 285 years).
 */
export const MAX_DURATION_US = 3_155_760_000_000_000;

/** What a duration field accepts, for error messages. */
export function durationForms(positive: boolean): string {
  const which = positive ? "a duration > 0" : "a duration";
  const seconds = positive ? "a positive number of seconds" : "a number of seconds";
  return `${which} such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or ${seconds}`;
}

/** Integer µs, or undefined when `value` is not a duration (bad unit, negative, too long). */
export function parseDurationUs(value: string | number): number | undefined {
  const us = typeof value === "number" ? secondsToUs(value) : stringToUs(value);
  if (us === undefined || us > MAX_DURATION_US) return undefined;
  return us;
}

function secondsToUs(seconds: number): number | undefined {
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.round(seconds * 1e6);
}

function stringToUs(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return undefined;
  let us = 0;
  UNIT_US.forEach((unitUs, i) => {
    const part = match[i + 1];
    if (part !== undefined) us += Number(part) * unitUs;
  });
  // one rounding of the sum, so "1.1s" is exactly 1_100_000 and not off by float noise
  return Math.round(us);
}

const PARTS_US = [
  ["d", 86_400e6],
  ["h", 3_600e6],
  ["m", 60e6],
] as const;

/**
 * The shortest readable form that parses back to the same µs: "30s",
 * "1m30s", "1.5s", "250ms", "100us". For messages, never for computing.
 */
export function formatDurationUs(us: number): string {
  if (us < 1e6) return us % 1000 === 0 ? `${us / 1000}ms` : `${us}us`;
  let rest = us;
  let text = "";
  for (const [unit, unitUs] of PARTS_US) {
    const count = Math.floor(rest / unitUs);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * unitUs;
  }
  if (rest > 0) text += `${trimZeros((rest / 1e6).toFixed(6))}s`;
  return text;
}

function trimZeros(decimal: string): string {
  return decimal.replace(/\.?0+$/, "");
}
