import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFilesAtomic } from "../../src/output/atomic.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "sim-atomic-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("writeFilesAtomic", () => {
  it("creates the folder and writes every file, chunks in order", () => {
    const dir = join(root, "a", "b");
    writeFilesAtomic(dir, { "x.csv": "one\n", "y.csv": ["h\n", "r1\n", "r2\n"] });
    expect(readFileSync(join(dir, "x.csv"), "utf8")).toBe("one\n");
    expect(readFileSync(join(dir, "y.csv"), "utf8")).toBe("h\nr1\nr2\n");
    expect(readdirSync(dir).sort()).toEqual(["x.csv", "y.csv"]);
  });

  it("replaces existing files", () => {
    writeFilesAtomic(root, { "x.csv": "old\n" });
    writeFilesAtomic(root, { "x.csv": "new\n" });
    expect(readFileSync(join(root, "x.csv"), "utf8")).toBe("new\n");
  });

  it("keeps UTF-8 text intact", () => {
    writeFilesAtomic(root, { "x.csv": "µs,é,☃\n" });
    expect(readFileSync(join(root, "x.csv"), "utf8")).toBe("µs,é,☃\n");
  });

  it("leaves every previous file untouched and no temp files when a write fails", () => {
    writeFileSync(join(root, "summary.csv"), "previous\n");
    // the second file cannot be opened (no such folder): the first is already staged
    const broken = { "summary.csv": "new\n", "missing/timeseries.csv": "x\n" };
    expect(() => writeFilesAtomic(root, broken)).toThrow();
    expect(readFileSync(join(root, "summary.csv"), "utf8")).toBe("previous\n");
    expect(readdirSync(root)).toEqual(["summary.csv"]);
  });

  it("writes chunks as they are produced, and a producer that fails halfway leaves nothing behind", () => {
    writeFileSync(join(root, "detections.csv"), "previous\n");
    const seen: string[] = [];
    function* rows() {
      yield "h\n";
      // the first chunk is already on disk, under the temporary name, when the second is made
      seen.push(...readdirSync(root).filter((n) => n.endsWith(".tmp")));
      throw new Error("a bug while producing rows");
    }
    expect(() => writeFilesAtomic(root, { "detections.csv": rows() })).toThrow("a bug while producing rows");
    expect(seen).toHaveLength(1);
    expect(readFileSync(join(root, "detections.csv"), "utf8")).toBe("previous\n");
    expect(readdirSync(root)).toEqual(["detections.csv"]);
  });
});
