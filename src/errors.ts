// A mistake of the user's (bad scenario, bad flag, missing file), as opposed
// to a bug. The CLI prints its message alone, without a stack trace, and
// exits 2. One error may carry several mistakes (every problem of a file at
// once), one line each.
export class UserError extends Error {
  override readonly name = "UserError";
  readonly lines: readonly string[];

  constructor(lines: string | readonly string[]) {
    const list = typeof lines === "string" ? [lines] : lines;
    super(list.join("\n"));
    this.lines = list;
  }
}
