// Cells as text. The CSV contract: plain decimal, "." separator, no exponent,
// no thousands separator, seconds to at most 6 decimals and ratios to at most
// 9, trailing zeros trimmed. Number#toString is not usable here: it switches
// to exponent notation below 1e-6 and above 1e21.
import type { ColumnFormat } from "../metrics/columns.js";

export type Cell = number | string | boolean | null | undefined;

const SECONDS_DECIMALS = 6;
const RATIO_DECIMALS = 9;
const US_PER_S = 1_000_000;

/** One cell by its column format; null, undefined and NaN are empty cells. */
export function formatCell(value: Cell, format: ColumnFormat): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  switch (format) {
    case "text":
      return formatDecimal(value, RATIO_DECIMALS);
    case "int":
      return formatInt(value);
    case "seconds":
      return formatDecimal(value, SECONDS_DECIMALS);
    case "ratio":
      return formatDecimal(value, RATIO_DECIMALS);
  }
}

export function formatInt(value: number): string {
  if (Number.isNaN(value)) return "";
  assertFinite(value);
  return bigOrFixed(Math.round(value), 0);
}

/** At most `decimals` decimals, trailing zeros and a bare "." trimmed, never "-0". */
function formatDecimal(value: number, decimals: number): string {
  if (Number.isNaN(value)) return "";
  assertFinite(value);
  return trimZeros(bigOrFixed(value, decimals));
}

/**
 * Integer microseconds as seconds, by integer arithmetic: µs/1e6 in floating
 * point turns 1_100_000 into 1.1000000000000001 before rounding; splitting
 * the integer gives the exact 6 decimals.
 */
export function formatMicros(us: number): string {
  if (Number.isNaN(us)) return "";
  assertFinite(us);
  if (!Number.isSafeInteger(us)) return formatDecimal(us / US_PER_S, SECONDS_DECIMALS);
  const sign = us < 0 ? "-" : "";
  const abs = Math.abs(us);
  const whole = Math.floor(abs / US_PER_S);
  const frac = String(abs % US_PER_S).padStart(SECONDS_DECIMALS, "0");
  return trimZeros(`${sign}${whole}.${frac}`);
}

// toFixed falls back to exponent notation at 1e21; doubles that large are
// integers anyway, so BigInt prints them exactly.
function bigOrFixed(value: number, decimals: number): string {
  if (Math.abs(value) >= 1e21) return BigInt(value).toString();
  return value.toFixed(decimals);
}

function trimZeros(text: string): string {
  let out = text;
  if (out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
  return out === "-0" ? "0" : out;
}

// An infinite metric is a bug upstream (a division by zero); an empty cell
// would hide it, so fail loudly.
function assertFinite(value: number): void {
  if (!Number.isFinite(value)) throw new Error(`cannot format non-finite number ${value}`);
}
