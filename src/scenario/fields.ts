// Building blocks of the scenario schema. Each carries its own error phrase
// ("expected ...", see messages.ts), so the message for a bad value names the
// whole accepted range rather than the one bound zod happened to check first.

import * as z from "zod";
import { durationForms, DURATION_PATTERN, MAX_DURATION_US, parseDurationUs } from "./duration.js";
import { unknownKeyText } from "./messages.js";

/** 10000000 -> "10,000,000" (locale-independent, so messages are the same everywhere). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A strict object (unknown keys are errors) whose unknown-key message suggests the closest allowed key. */
export function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    // one line per unknown key, each with its hint (messages.ts lists them one by one)
    error: (issue) =>
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => unknownKeyText(String(key), allowed)).join("\n") : undefined,
  });
}

/**
 * Error map for a discriminated union: our phrase when the value is not an
 * object at all; zod's issue (the tag's allowed values) otherwise.
 */
export function notAnObject(message: string) {
  return (issue: { readonly code?: string }): string | undefined =>
    issue.code === "invalid_type" ? message : undefined;
}

export function intRange(min: number, max: number) {
  const error = `expected an integer from ${groupDigits(min)} to ${groupDigits(max)}`;
  return z.int({ error }).min(min).max(max);
}

export function fraction() {
  return z.number({ error: "expected a number from 0 to 1" }).min(0).max(1);
}

export function numberAtLeast(min: number) {
  return z.number({ error: `expected a number >= ${min}` }).min(min);
}

export function positiveNumber() {
  return z.number({ error: "expected a number > 0" }).positive();
}


/** `meaning` plus the accepted forms, for the JSON Schema description. */
export function durationDoc(meaning: string): string {
  return `${meaning} (duration: "30s", "250ms", "1m30s", or seconds as a number)`;
}

/**
 * The accepted input forms, built once per kind and named, so the published
 * JSON Schema states them once in "$defs" and each field refers to them.
 */
function durationInput(positive: boolean) {
  const error = `expected ${durationForms(positive)}`;
  const seconds = positive ? z.number({ error }).positive() : z.number({ error }).min(0);
  return z.union([z.string({ error }).regex(DURATION_PATTERN), seconds], { error }).meta({
    id: positive ? "positiveDuration" : "duration",
    description:
      `A duration${positive ? " > 0" : ""}: a string with units ("250ms", "30s", "1m30s", "1.5h"; ` +
      "units us, ms, s, m, h, d) or a plain number of seconds",
  });
}

const DURATION_INPUT = { positive: durationInput(true), any: durationInput(false) } as const;

/**
 * A duration field: string with units or seconds as a number, parsed to
 * integer microseconds. `positive` rejects zero (periods, timeouts, means).
 */
export function duration(positive: boolean) {
  const zeroError = `expected ${durationForms(true)}`;
  return (positive ? DURATION_INPUT.positive : DURATION_INPUT.any).transform((value, ctx) => {
    const us = parseDurationUs(value);
    if (us === undefined || (positive && us === 0)) {
      ctx.issues.push({
        code: "custom",
        message: us === undefined ? `expected a duration of at most 100 years (${MAX_DURATION_US}us)` : zeroError,
        input: value,
      });
      return z.NEVER;
    }
    return us;
  });
}
