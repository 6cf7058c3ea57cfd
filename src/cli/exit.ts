// Exit codes of `sim`, and the one place that turns an error into a message.
import { UserError } from "../errors.js";

export const EXIT_OK = 0;
/** `sim check`: at least one expectation failed */
export const EXIT_FAILED = 1;
/** bad usage, bad scenario, bad input of any kind */
export const EXIT_USAGE = 2;
/** a bug (EX_SOFTWARE in sysexits.h): distinct from every user mistake */
export const EXIT_INTERNAL = 70;

/** A yargs usage error (unknown flag or command, missing argument). */
export class UsageError extends UserError {}

/** Prints the error the way its kind deserves and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`sim: error: ${err.message}\nRun "sim --help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (err instanceof UserError) {
    // the message is the whole story; a stack would only bury it
    for (const line of err.lines) process.stderr.write(`sim: error: ${line}\n`);
    return EXIT_USAGE;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`sim: internal error (this is a bug, please report it):\n${detail}\n`);
  return EXIT_INTERNAL;
}
