// The command line's contract that needs no simulation: help, usage errors,
// schema, and bad input refused with exit 2, a message, no stack, no output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { STACK_LINE, sim, tempDir, tinyScenario, writeJson } from "./helpers.js";

const PACKAGE = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const SCHEMA_FILE = fileURLToPath(new URL("../../scenarios/scenario.schema.json", import.meta.url));

describe("help and version", () => {
  it("--help exits 0 and teaches the commands, examples and exit codes", () => {
    const r = sim(["--help"], tempDir());
    expect(r.code).toBe(0);
    for (const word of ["run", "check", "validate", "schema", "Exit codes", "--set clients.count=1000"]) {
      expect(r.stdout).toContain(word);
    }
  });

  it("run --help lists its flags", () => {
    const r = sim(["run", "--help"], tempDir());
    expect(r.code).toBe(0);
    for (const flag of ["--seed", "--replications", "--out", "--set", "--strategy", "--quiet", "--force"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("--version prints the package version", () => {
    const r = sim(["--version"], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${PACKAGE.version}\n`);
  });
});

describe("usage errors exit 2 without a stack trace", () => {
  const cases: [string, string[]][] = [
    ["no command", []],
    ["an unknown command", ["frobnicate"]],
    ["an unknown flag", ["schema", "--bogus"]],
    ["an unknown flag on run", ["run", "x.json", "--bogus"]],
    ["a missing file argument", ["run"]],
    ["a bad --seed", ["run", "x.json", "--seed", "abc"]],
    ["a fractional --replications", ["run", "x.json", "--replications", "1.5"]],
  ];
  it.each(cases)("%s", (_name, args) => {
    const cwd = tempDir();
    const r = sim(args, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: error: /);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });
});

describe("sim schema", () => {
  it("prints the committed JSON Schema, byte for byte (`npm run schema` writes it there)", () => {
    const r = sim(["schema"], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(SCHEMA_FILE, "utf8"));
  });
});

describe("bad input: exit 2, the file named, no stack, nothing written", () => {
  const prepare: [string, (dir: string) => string][] = [
    ["a missing file", (dir) => join(dir, "missing.json")],
    ["a directory", (dir) => {
      const p = join(dir, "folder.json");
      mkdirSync(p);
      return p;
    }],
    ["an empty file", (dir) => {
      const p = join(dir, "empty.json");
      writeFileSync(p, "");
      return p;
    }],
    ["invalid JSON", (dir) => {
      const p = join(dir, "broken.json");
      writeFileSync(p, '{ "name": "x", ');
      return p;
    }],
  ];
  for (const command of ["run", "check", "validate"]) {
    it.each(prepare)(`${command} with %s`, (_name, make) => {
      const cwd = tempDir();
      const file = make(cwd);
      const out = join(cwd, "out");
      const args = command === "run" ? [command, file, "--out", out] : [command, file];
      const r = sim(args, cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file.split("/").pop());
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(cwd, "results"))).toBe(false);
    });
  }

  it("one bad file among good ones stops everything before any run", () => {
    const cwd = tempDir();
    const good = writeJson(cwd, "good.json", tinyScenario("good"));
    const r = sim(["run", good, join(cwd, "missing.json"), "--out", join(cwd, "out")], cwd);
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("an unknown --strategy lists the strategies and writes nothing", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const r = sim(["run", file, "--strategy", "nope"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope");
    expect(r.stderr).toContain("server-10s, client-10s");
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });

  it("two files with the same name would share a folder: refused", () => {
    const cwd = tempDir();
    const a = writeJson(cwd, "a.json", tinyScenario("same"));
    const b = writeJson(cwd, "b.json", tinyScenario("same"));
    const r = sim(["run", a, b], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("same folder");
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });
});

describe("sim validate", () => {
  it("prints one ok line per file", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const r = sim(["validate", file, "--set", "clients.count=7"], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ok ${file}: tiny, 2 strategies, 7 clients, 1m\n`);
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });
});

describe("sim check without expectations", () => {
  it("passes, says so, and runs nothing", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "none.json", tinyScenario("none"));
    const r = sim(["check", file], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${file} (none): no expectations\n`);
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });
});

describe("sim run output folder", () => {
  it("refuses, before running, an --out that is a file", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    writeFileSync(join(cwd, "taken"), "x");
    const r = sim(["run", file, "--out", join(cwd, "taken")], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("not a folder");
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe("combinations without a meaning", () => {
  it("are invalid for every command: the path, exit 2, nothing written", () => {
    const cwd = tempDir();
    const s = tinyScenario();
    const jittered = { name: "f", initiator: "client", interval: "10s", timeout: "25s", jitter: 0.1, detector: { kind: "freshness", delta: "5s" } };
    const file = writeJson(cwd, "fresh.json", { ...s, strategies: [jittered] });
    for (const args of [["validate", file], ["run", file, "--out", "out"], ["check", file]]) {
      const r = sim(args, cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("at strategies[0].jitter: expected 0 with the freshness detector");
      expect(r.stderr).toContain("found 0.1");
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });
});
