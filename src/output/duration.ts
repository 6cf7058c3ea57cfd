// Integer microseconds back to the scenario's duration notation ("1h30m",
// "250ms", "1m0.5s") for messages; the exact inverse of what a user could write.
import { formatMicros } from "./number.js";

const UNITS: readonly [string, number][] = [
  ["d", 86_400_000_000],
  ["h", 3_600_000_000],
  ["m", 60_000_000],
];

export function formatDuration(us: number): string {
  if (!Number.isSafeInteger(us) || us < 0) return `${formatMicros(us)}s`;
  if (us === 0) return "0s";
  if (us < 1_000_000 && us % 1000 === 0) return `${us / 1000}ms`;
  let rest = us;
  let out = "";
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 ? `${out}${formatMicros(rest)}s` : out;
}
