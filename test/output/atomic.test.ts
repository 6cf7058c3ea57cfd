import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFolderAtomic } from "../../src/output/atomic.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "sim-atomic-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** every file under dir, name -> text */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}

describe("writeFolderAtomic", () => {
  it("creates the folder and writes every file, chunks in order", () => {
    const dir = join(root, "a", "b");
    writeFolderAtomic(dir, { "x.csv": "one\n", "y.csv": ["h\n", "r1\n", "r2\n"] });
    expect(snapshot(dir)).toEqual({ "x.csv": "one\n", "y.csv": "h\nr1\nr2\n" });
    expect(readdirSync(join(root, "a"))).toEqual(["b"]); // nothing left beside it
  });

  it("replaces the folder as a whole", () => {
    const dir = join(root, "r");
    writeFolderAtomic(dir, { "x.csv": "old\n", "y.csv": "old\n" });
    writeFolderAtomic(dir, { "x.csv": "new\n", "y.csv": "new\n" });
    expect(snapshot(dir)).toEqual({ "x.csv": "new\n", "y.csv": "new\n" });
    expect(readdirSync(root)).toEqual(["r"]);
  });

  it("carries over files it does not produce", () => {
    const dir = join(root, "r");
    writeFolderAtomic(dir, { "x.csv": "old\n" });
    writeFileSync(join(dir, "notes.txt"), "mine\n");
    mkdirSync(join(dir, "plots"));
    writeFileSync(join(dir, "plots", "a.svg"), "<svg/>");
    writeFolderAtomic(dir, { "x.csv": "new\n" });
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, "plots", "a.svg"), "utf8")).toBe("<svg/>");
    expect(readFileSync(join(dir, "x.csv"), "utf8")).toBe("new\n");
  });

  it("keeps UTF-8 text intact", () => {
    writeFolderAtomic(join(root, "u"), { "x.csv": "µs,é,☃\n" });
    expect(readFileSync(join(root, "u", "x.csv"), "utf8")).toBe("µs,é,☃\n");
  });

  it("leaves the previous folder untouched, and nothing beside it, when a write fails", () => {
    const dir = join(root, "r");
    writeFolderAtomic(dir, { "summary.csv": "previous\n", "timeseries.csv": "previous\n" });
    // the second file cannot be opened (no such folder): the first is already written
    const broken = { "summary.csv": "new\n", "missing/timeseries.csv": "x\n" };
    expect(() => writeFolderAtomic(dir, broken)).toThrow();
    expect(snapshot(dir)).toEqual({ "summary.csv": "previous\n", "timeseries.csv": "previous\n" });
    expect(readdirSync(root)).toEqual(["r"]);
  });

  it("writes chunks as they are produced, and a producer that fails halfway leaves the previous folder", () => {
    const dir = join(root, "r");
    writeFolderAtomic(dir, { "summary.csv": "previous\n", "detections.csv": "previous\n" });
    let staged: string[] = [];
    function* rows() {
      yield "h\n";
      // the first chunk is on disk, in the staged folder beside the old one, when the second is made
      staged = readdirSync(root).filter((n) => n.endsWith(".new"));
      throw new Error("a bug while producing rows");
    }
    expect(() => writeFolderAtomic(dir, { "summary.csv": "new\n", "detections.csv": rows() })).toThrow("a bug while producing rows");
    expect(staged).toHaveLength(1);
    expect(snapshot(dir)).toEqual({ "summary.csv": "previous\n", "detections.csv": "previous\n" });
    expect(readdirSync(root)).toEqual(["r"]);
  });

  it("a process killed between files leaves the previous folder as it was", async () => {
    const dir = join(root, "r");
    writeFolderAtomic(dir, { "summary.csv": "previous\n", "detections.csv": "previous\n" });
    // a writer that has written one file of the new folder and hangs in the second
    const module = resolve("dist/output/atomic.js");
    expect(existsSync(module), "npm test builds dist/ first").toBe(true);
    const script = `
      const { writeFolderAtomic } = await import(${JSON.stringify(module)});
      function* rows() { yield "h\\n"; process.stdout.write("halfway\\n"); for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000); }
      writeFolderAtomic(${JSON.stringify(dir)}, { "summary.csv": "new\\n", "detections.csv": rows() });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((done) => child.stdout.once("data", () => done()));
    child.kill("SIGKILL");
    await new Promise((done) => child.once("exit", done));
    expect(snapshot(dir)).toEqual({ "summary.csv": "previous\n", "detections.csv": "previous\n" });
    // what the killed writer staged is hidden beside it, never under the folder's name
    expect(readdirSync(root).filter((n) => !n.startsWith("."))).toEqual(["r"]);
  });
});
