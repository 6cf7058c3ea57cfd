// Replace a set of files in one directory so that a reader (or a crash) never
// sees a half-written file: every file is first written in full to a
// temporary name in the same directory (same file system, so rename is
// atomic), and only when all of them are on disk are they renamed over the
// targets. A failure before that point leaves the previous files untouched.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/** file name -> content, as one string or as chunks (text or bytes) written in order, produced as they are written */
export type FileSet = Readonly<Record<string, string | Iterable<string | Uint8Array>>>;

let counter = 0;

export function writeFilesAtomic(dir: string, files: FileSet): void {
  mkdirSync(dir, { recursive: true });
  const staged: [tmp: string, target: string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const tmp = join(dir, `.${name}.${process.pid}.${++counter}.tmp`);
      staged.push([tmp, join(dir, name)]);
      writeWhole(tmp, typeof content === "string" ? [content] : content);
    }
  } catch (err) {
    for (const [tmp] of staged) rmSync(tmp, { force: true });
    throw err;
  }
  for (const [tmp, target] of staged) renameSync(tmp, target);
}

function writeWhole(path: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = openSync(path, "w");
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      // writeSync may write less than asked; loop until the chunk is out
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    // flushed before the rename, or a power loss could leave an empty file
    // under the final name
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
