// `sim run` and `sim check` end to end, through the built CLI.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_DETECTIONS_HEADER, DOCUMENTED_SUMMARY_HEADER, DOCUMENTED_TIMESERIES_HEADER } from "../support/documented.js";
import { STACK_LINE, sim, tempDir, tinyScenario, writeJson } from "./helpers.js";

const FILES = ["detections.csv", "run.json", "summary.csv", "timeseries.csv"];

describe("sim run", () => {
  it("writes the three CSV files and run.json to results/<name>/ and reports", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const r = sim(["run", file], cwd);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(readdirSync(join(cwd, "results", "tiny")).sort()).toEqual(FILES);
    const summary = readFileSync(join(cwd, "results", "tiny", "summary.csv"), "utf8").split("\n");
    expect(summary[0]).toBe(DOCUMENTED_SUMMARY_HEADER);
    const head = (f: string) => readFileSync(join(cwd, "results", "tiny", f), "utf8").split("\n")[0];
    expect(head("timeseries.csv")).toBe(DOCUMENTED_TIMESERIES_HEADER);
    expect(head("detections.csv")).toBe(DOCUMENTED_DETECTIONS_HEADER);
    expect(summary.slice(1, 3).map((l) => l.split(",")[1])).toEqual(["server-10s", "client-10s"]);
    expect(r.stdout).toMatch(/server-10s\s+client-10s/);
    expect(r.stderr).toContain("wrote results/tiny/ (4 files)");
    expect(r.stderr).toMatch(/\d+ events in \d+\.\d\d s \(\d+\.\d\d M events\/s\)/);
  });

  it("is byte-identical when run twice", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const read = (dir: string) => FILES.map((f) => readFileSync(join(cwd, dir, f), "utf8"));
    expect(sim(["run", file, "--out", "a", "--quiet"], cwd).code).toBe(0);
    expect(sim(["run", file, "--out", "b", "--quiet"], cwd).code).toBe(0);
    expect(read("b")).toEqual(read("a"));
  });

  it("gives the same bytes on one worker thread and on three", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", { ...tinyScenario(), replications: 3 });
    const read = (dir: string) => FILES.map((f) => readFileSync(join(cwd, dir, f), "utf8"));
    expect(sim(["run", file, "--out", "one", "--quiet", "--workers", "1"], cwd).code).toBe(0);
    expect(sim(["run", file, "--out", "three", "--quiet", "--workers", "3"], cwd).code).toBe(0);
    expect(read("three")).toEqual(read("one"));
    // summary.csv: a header, one row per run (2 strategies x 3 replications), and the final newline
    const summary = read("one")[FILES.indexOf("summary.csv")].split("\n");
    expect(summary).toHaveLength(1 + 2 * 3 + 1);
    expect(summary.at(-1)).toBe("");
  });

  it("--format md prints a Markdown summary for a pull request; another format is refused naming the flag", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const md = sim(["run", file, "--format", "md"], cwd);
    expect(md.code).toBe(0);
    const lines = md.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`### tiny (${file})`);
    expect(lines[2]).toMatch(/^\| strategy \| server msgs\/s, mean \|/);
    expect(lines.slice(4).map((l) => l.split(" | ")[0])).toEqual(["| server-10s", "| client-10s"]);
    // refused before anything runs: a fresh folder stays without results
    const other = tempDir();
    const bad = sim(["run", writeJson(other, "tiny.json", tinyScenario()), "--format", "xml"], other);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/--format xml: .*table, md/);
    expect(bad.stdout).toBe("");
    expect(existsSync(join(other, "results"))).toBe(false);
  });

  it("refuses --workers 0", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const r = sim(["run", file, "--workers", "0"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workers: expected an integer >= 1/);
  });

  it("--out DIR with one file writes into DIR; --quiet prints nothing", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    const r = sim(["run", file, "--out", "out", "--quiet", "--seed", "7", "--replications", "2"], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toBe("");
    // with two replications, also the statistics over them
    expect(readdirSync(join(cwd, "out")).sort()).toEqual([...FILES, "summary-stats.csv"].sort());
    const rows = readFileSync(join(cwd, "out", "summary.csv"), "utf8").trimEnd().split("\n");
    expect(rows).toHaveLength(1 + 2 * 2); // 2 strategies x 2 replications
    expect(existsSync(join(cwd, "results"))).toBe(false);
  });

  it("--out DIR with several files writes DIR/<name>/", () => {
    const cwd = tempDir();
    const a = writeJson(cwd, "a.json", tinyScenario("alpha"));
    const b = writeJson(cwd, "b.json", tinyScenario("beta"));
    expect(sim(["run", a, b, "--out", "out", "--quiet"], cwd).code).toBe(0);
    expect(readdirSync(join(cwd, "out")).sort()).toEqual(["alpha", "beta"]);
    expect(readdirSync(join(cwd, "out", "beta")).sort()).toEqual(FILES);
  });

  it("--strategy runs only the named strategies", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    expect(sim(["run", file, "--strategy", "client-10s", "--quiet"], cwd).code).toBe(0);
    const rows = readFileSync(join(cwd, "results", "tiny", "summary.csv"), "utf8").trimEnd().split("\n");
    expect(rows.slice(1).map((l) => l.split(",")[1])).toEqual(["client-10s"]);
  });

  it("keeps the previous results when a later run fails", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "tiny.json", tinyScenario());
    expect(sim(["run", file, "--quiet"], cwd).code).toBe(0);
    const before = readFileSync(join(cwd, "results", "tiny", "summary.csv"), "utf8");
    writeFileSync(file, "{");
    expect(sim(["run", file, "--quiet"], cwd).code).toBe(2);
    expect(readFileSync(join(cwd, "results", "tiny", "summary.csv"), "utf8")).toBe(before);
  });
});

describe("sim check", () => {
  it("exits 0 when every expectation holds and writes nothing", () => {
    const cwd = tempDir();
    const file = writeJson(cwd, "ok.json", tinyScenario("ok", { expect: { "*": { events: { min: 1 } } } }));
    const r = sim(["check", file, "--quiet"], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2 expectations, 0 failed");
    expect(readdirSync(cwd)).toEqual(["ok.json"]);
  });

  it("lists every expectation with its value and a mark, exits 1 on a failure, and writes JUnit XML", () => {
    const cwd = tempDir();
    const file = writeJson(
      cwd,
      "bad.json",
      tinyScenario("bad", {
        replications: 2,
        expect: { "client-10s": { events: { max: 0 }, clients: { of: "mean", eq: 3 } }, "*": { clients: { min: 3 } } },
      }),
    );
    const r = sim(["check", file, "--quiet", "--junit", "report/junit.xml"], cwd);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${file} (bad):`);
    // run order (replication 0: both strategies, then replication 1), then the figures over replications
    expect(lines.slice(1, -1).map((l) => l.replace(/events = \d+/, "events = N"))).toEqual([
      "  ✓ server-10s rep 0: clients = 3, expected min 3",
      "  ✗ client-10s rep 0: events = N, expected max 0",
      "  ✓ client-10s rep 0: clients = 3, expected min 3",
      "  ✓ server-10s rep 1: clients = 3, expected min 3",
      "  ✗ client-10s rep 1: events = N, expected max 0",
      "  ✓ client-10s rep 1: clients = 3, expected min 3",
      "  ✓ client-10s mean over replications: clients = 3, expected eq 3",
    ]);
    expect(lines.at(-1)).toBe("7 expectations, 2 failed");
    expect(r.stderr).not.toMatch(STACK_LINE);
    const xml = readFileSync(join(cwd, "report", "junit.xml"), "utf8");
    expect(xml).toContain('<testsuites name="sim check" tests="7" failures="2">');
    expect(xml).toContain(`<testsuite name="bad" file="${file}" tests="7" failures="2">`);
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<failure message="client-10s rep \d: events = \d+, expected max 0"\/>/g)).toHaveLength(2);
  });

});
