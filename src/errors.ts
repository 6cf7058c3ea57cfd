// A mistake of the user's (bad scenario, bad flag, missing file), as opposed
// to a bug. The CLI prints its message alone, without a stack trace, and exits 2.
export class UserError extends Error {
  override readonly name = "UserError";
}
