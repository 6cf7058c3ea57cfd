// A results CSV file read back, with every cell checked: `sim report` takes
// folders that may be half-copied, written by another version, or edited by
// hand, and each such file must end in one line that names the file, the line
// and the column, not in a chart of nonsense. The small files are parsed by
// csv-parse (the csv-stringify that wrote them has it as its sibling);
// detections.csv, millions of rows, has its own scanner (detections.ts).
import { CsvError, parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { UserError } from "../errors.js";

export interface CsvFile {
  /** the path as the user gave it, for messages */
  readonly path: string;
  readonly header: readonly string[];
  /** the rows after the header */
  readonly rows: readonly (readonly string[])[];
  /** each column's index, by name */
  readonly at: ReadonlyMap<string, number>;
}

/** what a results file that does not read as sim wrote it most likely is, and what to do */
export const AGAIN = "written by another version of sim, or edited; make it again";

/** the file's rows; the header must be `expected` (given) or start with `lead` (a sweep's swept columns vary) */
export function readCsv(path: string, expected: { readonly exact?: readonly string[]; readonly lead?: readonly string[] }): CsvFile {
  const text = readFileSync(path, "utf8");
  if (text.length === 0) throw new UserError(`${path} is empty: a half-written results folder? make it again`);
  if (!text.endsWith("\n")) throw new UserError(`${path} ends in the middle of a line: a half-written or cut file; make it again`);
  let records: string[][];
  try {
    records = parse(text, { bom: true }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw new UserError(`${path}: not a CSV file sim wrote (${err.message}); ${AGAIN}`);
    throw err;
  }
  const [header, ...rows] = records;
  const want = expected.exact ?? expected.lead ?? [];
  want.forEach((name, k) => {
    if (header[k] !== name) {
      const found = header[k] === undefined ? "nothing" : JSON.stringify(header[k]);
      throw new UserError(`${path}: column ${k + 1} of the header should be "${name}", found ${found}: ${AGAIN}`);
    }
  });
  if (expected.exact !== undefined && header.length !== want.length) {
    throw new UserError(`${path}: the header has ${header.length} columns, this version writes ${want.length}: ${AGAIN}`);
  }
  return { path, header, rows, at: new Map(header.map((name, k) => [name, k])) };
}

/** one row's cells by column name, each read with the checks its meaning needs */
export class CsvRow {
  constructor(
    private readonly file: CsvFile,
    private readonly index: number,
  ) {}

  private where(column: string): string {
    // line 1 is the header
    return `${this.file.path} line ${this.index + 2}, column ${column}`;
  }

  text(column: string): string {
    const k = this.file.at.get(column);
    if (k === undefined) throw new UserError(`${this.file.path} has no column ${column}: ${AGAIN}`);
    return this.file.rows[this.index][k];
  }

  /** a plain decimal as sim writes numbers; null for an empty cell when `empty` allows it */
  number(column: string, opts: { readonly empty?: boolean; readonly min?: number; readonly int?: boolean } = {}): number | null {
    const cell = this.text(column);
    if (cell === "" && opts.empty === true) return null;
    const ok = opts.int === true ? /^-?\d+$/.test(cell) : /^-?\d+(\.\d+)?$/.test(cell);
    if (!ok) {
      const what = opts.int === true ? "a whole number" : "a number";
      throw new UserError(`${this.where(column)}: expected ${what}, found ${JSON.stringify(cell)}; ${AGAIN}`);
    }
    const value = Number(cell);
    if (opts.min !== undefined && value < opts.min) {
      throw new UserError(`${this.where(column)}: expected at least ${opts.min}, found ${cell}; ${AGAIN}`);
    }
    return value;
  }

  /** a number that must be there */
  count(column: string, opts: { readonly min?: number; readonly int?: boolean } = {}): number {
    return this.number(column, { ...opts, empty: false }) as number;
  }

  /** a mistake found across cells, said at this row */
  fail(column: string, problem: string): never {
    throw new UserError(`${this.where(column)}: ${problem}; ${AGAIN}`);
  }
}

export function rowsOf(file: CsvFile): CsvRow[] {
  return file.rows.map((_, k) => new CsvRow(file, k));
}
