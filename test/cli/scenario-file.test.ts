// Reading scenario files from disk: the file-system mistakes of section 9.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadScenario } from "../../src/cli/scenario-file.js";
import { minimal, userError } from "../scenario/fixtures.js";
import { tempDir } from "./helpers.js";

const dir = tempDir();

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("loadScenario", () => {
  test("a valid file", () => {
    const path = file("ok.json", JSON.stringify(minimal(), null, 2));
    expect(loadScenario(path).name).toBe("mini");
  });

  test("with --set overrides", () => {
    const path = file("ok2.json", JSON.stringify(minimal()));
    expect(loadScenario(path, { sets: ["clients.count=7"] }).clients.count).toBe(7);
  });

  test("a missing file", () => {
    const path = join(dir, "nope.json");
    expect(userError(() => loadScenario(path)).message).toBe(`${path}: no such file`);
  });

  test("a path through a file", () => {
    const path = join(file("plain.json", "{}"), "x.json");
    expect(userError(() => loadScenario(path)).message).toBe(`${path}: no such file`);
  });

  test("a directory", () => {
    const path = join(dir, "sub");
    mkdirSync(path);
    expect(userError(() => loadScenario(path)).message).toBe(`${path}: is a directory, expected a scenario file`);
  });

  test("an empty file", () => {
    const path = file("empty.json", "\n");
    expect(userError(() => loadScenario(path)).message).toBe(`${path}: the file is empty, expected a JSON scenario`);
  });

  test("a syntax error names the real file with line and column", () => {
    // a trailing comma is allowed (JSONC), a bracket that closes nothing is not
    const path = file("bad.json", '{\n  "name": "x",\n]\n');
    expect(userError(() => loadScenario(path)).message).toMatch(new RegExp(`^${path.replace(/[.\\]/g, "\\$&")}:3:1: invalid JSON: `));
  });
});
