// The CSV dialect every file sim writes shares, through csv-stringify: "\n"
// line ends everywhere (RFC 4180 asks for CRLF, but every spreadsheet and
// CSV reader accepts LF, and LF keeps the files diff-friendly), RFC 4180
// quoting, empty cells unquoted.
import { stringify } from "csv-stringify/sync";

const OPTIONS = { record_delimiter: "unix", quoted_empty: false } as const;

/** rows as CSV text, a line each */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], OPTIONS);
}
