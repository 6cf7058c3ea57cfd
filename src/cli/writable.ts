// Can results be written to a folder? Asked before anything runs, so that a
// typo in --out or a read-only disk costs a second, not the simulation.
// The folder is replaced by renames in its parent (src/output/atomic.ts), so
// what must be writable is the parent, or the nearest folder above it that
// exists (the rest is created).
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserError } from "../errors.js";

export function checkWritable(target: string): void {
  const dir = resolve(target);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UserError(`cannot write results to ${target}: it exists and is not a folder`);
  }
  const why = unwritableParent(dir);
  if (why !== undefined) throw new UserError(`cannot write results to ${target}: ${why}`);
}

/** a file the command will write (--junit): its folder must be writable, and it must not be a folder */
export function checkWritableFile(target: string, flag: string): void {
  const path = resolve(target);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`${flag} ${target}: is a folder, expected a file name`);
  const why = unwritableParent(path);
  if (why !== undefined) throw new UserError(`${flag} ${target}: cannot write there: ${why}`);
}

/** why nothing can be created at path (its nearest existing folder is a file, read-only, ...), or undefined */
function unwritableParent(path: string): string | undefined {
  let parent = dirname(path);
  while (!existsSync(parent)) parent = dirname(parent);
  if (!statSync(parent).isDirectory()) return `${parent} is a file, not a folder`;
  try {
    accessSync(parent, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    return `${parent} ${code === "EROFS" ? "is on a read-only file system" : "is not writable"} (${code})`;
  }
}
