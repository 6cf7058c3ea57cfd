// Scenario files with comments and trailing commas, through the built CLI:
// the bundle carries the JSONC parser.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STACK_LINE, sim, tempDir, tinyScenario } from "./helpers.js";

/** tinyScenario() as JSONC: a header comment, `$schema`, comments between properties, trailing commas. */
function writeJsonc(dir: string, file: string): string {
  const body = JSON.stringify({ $schema: "./scenario.schema.json", ...tinyScenario() }, null, 2)
    .replace(/\n  "duration"/, '\n  // an hour is the usual length; a minute keeps this test fast\n  "duration"')
    .replace(/"strategies": \[/, '"strategies": [ /* the two initiators, same timing */')
    .replace(/\n}$/, ",\n}\n// end of the scenario\n");
  const path = join(dir, file);
  writeFileSync(path, `/* a JSONC scenario */\n${body}`);
  return path;
}

describe("a scenario with comments", () => {
  it("validates", () => {
    const cwd = tempDir();
    const file = writeJsonc(cwd, "commented.json");
    const r = sim(["validate", file], cwd);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("commented.json: tiny, 2 strategies, 3 clients");
  });

  it("runs", () => {
    const cwd = tempDir();
    const file = writeJsonc(cwd, "commented.json");
    const r = sim(["run", file, "--out", "out", "--quiet"], cwd);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, "out", "summary.csv"))).toBe(true);
  });

  it("with a syntax error names the line and column", () => {
    const cwd = tempDir();
    const file = join(cwd, "broken.json");
    writeFileSync(file, '{\n  // the name\n  "name": "x"\n  "duration": "1m"\n}\n');
    const r = sim(["validate", file], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:3: invalid JSON: expected ',' or '}' after a property value, found '"duration"'`);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
