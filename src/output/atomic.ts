// A results folder is replaced as a whole, so that a reader (or a crash, or
// Ctrl-C) never sees a half-written file nor a mix of old and new files: the
// new folder is staged beside the old one (same file system, so renames are
// atomic), every file written in full and synced, and only then swapped in:
// the old folder is renamed away, the staged one renamed to its name, and
// the old one removed. A failure before the swap leaves the previous folder
// as it was; a crash between the two renames leaves the previous folder,
// complete, under a hidden name beside it, never a mix.
//
// Files in the old folder that this write does not produce (a note of the
// user's) are carried over into the new one, hard-linked where the file
// system allows it; but not those the caller names as made from the old
// files (a report of the old results would describe results that are gone).
import {
  closeSync,
  cpSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** file name -> content, as one string or as chunks (text or bytes) written in order, produced as they are written */
export type FileSet = Readonly<Record<string, string | Iterable<string | Uint8Array>>>;

let counter = 0;

/** a hidden name beside `dir` for a folder on its way in or out */
function besideName(dir: string, what: "new" | "old"): string {
  return join(dirname(dir), `.${basename(dir)}.${process.pid}.${++counter}.${what}`);
}

export interface FolderOptions {
  /** carry the old folder's other files over (default); false: the folder is exactly `files` */
  readonly carryOver?: boolean;
  /** names not carried over: files made from the old ones (a report), stale once they are replaced */
  readonly drop?: readonly string[];
}

export function writeFolderAtomic(target: string, files: FileSet, options: FolderOptions = {}): void {
  const dir = resolve(target);
  mkdirSync(dirname(dir), { recursive: true });
  const staged = besideName(dir, "new");
  mkdirSync(staged);
  try {
    for (const [name, content] of Object.entries(files)) {
      writeWhole(join(staged, name), typeof content === "string" ? [content] : content);
    }
    if (existsSync(dir) && options.carryOver !== false) carryOver(dir, staged, new Set([...Object.keys(files), ...(options.drop ?? [])]));
    syncFolder(staged);
  } catch (err) {
    rmSync(staged, { recursive: true, force: true });
    throw err;
  }
  swapIn(staged, dir);
}

function swapIn(staged: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(staged, dir);
  } else {
    const old = besideName(dir, "old");
    renameSync(dir, old);
    renameSync(staged, dir);
    rmSync(old, { recursive: true, force: true });
  }
  // the renames themselves reach the disk with the parent folder's entry
  syncFolder(dirname(dir));
}

function carryOver(from: string, to: string, produced: ReadonlySet<string>): void {
  for (const name of readdirSync(from)) {
    if (produced.has(name)) continue;
    const source = join(from, name);
    if (statSync(source).isDirectory()) {
      cpSync(source, join(to, name), { recursive: true });
      continue;
    }
    try {
      linkSync(source, join(to, name));
    } catch {
      cpSync(source, join(to, name));
    }
  }
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeWhole(path: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = openSync(path, "w");
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      // writeSync may write less than asked; loop until the chunk is out
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    }
    // on disk before the swap, or a power loss could leave an empty file under the final name
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One file replaced whole: written and synced under a temporary name beside it, then renamed over it. */
export function writeFileAtomic(target: string, content: string): void {
  const path = resolve(target);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    writeWhole(tmp, [content]);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
