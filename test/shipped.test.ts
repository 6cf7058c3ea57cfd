// The shipped scenarios, run the way a user runs them (the built `sim`):
// every one passes its own `expect` block, and its outputs are byte-for-byte
// the ones committed under results/<name>/. A change in behaviour therefore
// shows up here and is regenerated on purpose, in the same commit:
//   npm run results
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sim, tempDir } from "./cli/helpers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const FILES = ["scenarios", "scenarios/checks"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".json") && f !== "scenario.schema.json")
    .map((f) => `${dir}/${f}`),
);
const OUTPUTS = ["run.json", "summary.csv", "timeseries.csv", "detections.csv"];

function nameOf(file: string): string {
  return JSON.parse(readFileSync(join(root, file), "utf8")).name as string;
}

describe("shipped scenarios", () => {
  it("are found", () => {
    expect(FILES).toContain("scenarios/10k-mobile.json");
    expect(FILES.length).toBeGreaterThanOrEqual(4);
  });

  it("pass their expectations through `sim check`", { timeout: 120_000 }, () => {
    const r = sim(["check", ...FILES, "--quiet"], root);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(/FAIL/);
    expect(r.code).toBe(0);
  });

  it("account for every crash: crashes = detected + missed + crashes_untracked, in every row", () => {
    let rows = 0;
    for (const file of FILES) {
      const [head, ...lines] = readFileSync(join(root, "results", nameOf(file), "summary.csv"), "utf8").trim().split("\n");
      const col = (name: string) => head.split(",").indexOf(name);
      const [c, d, m, u] = ["crashes", "detected", "missed", "crashes_untracked"].map(col);
      expect(Math.min(c, d, m, u)).toBeGreaterThanOrEqual(0);
      for (const line of lines) {
        const cells = line.split(","); // no cell of these files is quoted: names are [A-Za-z0-9._-]+
        expect(Number(cells[d]) + Number(cells[m]) + Number(cells[u]), `${file}: ${line}`).toBe(Number(cells[c]));
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(20);
  });

  it("reproduce the committed results byte for byte", { timeout: 120_000 }, () => {
    const out = tempDir();
    const r = sim(["run", ...FILES, "--out", out, "--quiet"], root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const file of FILES) {
      const name = nameOf(file);
      for (const csv of OUTPUTS) {
        const fresh = readFileSync(join(out, name, csv), "utf8");
        const committed = readFileSync(join(root, "results", name, csv), "utf8");
        // compare as strings first for a readable diff, bytes decide
        if (fresh !== committed) {
          expect.soft(fresh, `results/${name}/${csv} differs: if the change is intended, run \`npm run results\``).toBe(committed);
        }
      }
    }
  });
});
