// A minimal valid scenario to mutate per test, and a helper that asserts the
// exact one-line UserError a bad input must produce.
import { expect } from "vitest";
import { UserError } from "../../src/errors.js";
import { parseScenario, type LoadOptions } from "../../src/scenario/load.js";
import type { Plan } from "../../src/scenario/plan.js";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const FILE = "f.json";

export function minimal(): Json {
  return {
    name: "mini",
    duration: "1h",
    clients: { count: 10 },
    network: { link: { delay: { dist: "constant", value: "40ms" } } },
    strategies: [{ name: "s", initiator: "server", interval: "30s", timeout: "75s" }],
  };
}

/** `minimal()` with `edit` applied. */
export function scenario(edit: (s: Json) => void): Json {
  const s = minimal();
  edit(s);
  return s;
}

export function load(s: unknown, options?: LoadOptions): Plan {
  return parseScenario(typeof s === "string" ? s : JSON.stringify(s), FILE, options);
}

export function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).not.toContain("\n");
    return error as UserError;
  }
  throw new Error("expected a UserError, but nothing was thrown");
}

/** Loads `s` and asserts every line of the error, in order ("f.json: " is prepended to each). */
export function expectErrors(s: unknown, lines: readonly string[], options?: LoadOptions): void {
  let error: unknown;
  try {
    load(s, options);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).lines).toEqual(lines.map((l) => `${FILE}: ${l}`));
}

/** Loads `s` and asserts the exact message ("f.json: " is prepended). */
export function expectError(s: unknown, message: string, options?: LoadOptions): void {
  expect(userError(() => load(s, options)).message).toBe(`${FILE}: ${message}`);
}
