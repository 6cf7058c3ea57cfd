// Mistakes a user finds out about only at the end of a long run, or that
// leave a mess: an --out that cannot be written is refused before anything
// runs, and Ctrl-C gives the terminal back (the progress bar hides the
// cursor) and leaves the previous results as they were.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, sim, STACK_LINE, tempDir, tinyScenario, writeJson } from "./helpers.js";

describe("--out is checked before anything runs", () => {
  it("a path through a file", () => {
    const dir = tempDir();
    const file = writeJson(dir, "s.json", tinyScenario());
    writeFileSync(join(dir, "notes.txt"), "x");
    const r = sim(["run", file, "--out", "notes.txt/out"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot write results to notes.txt/out: ");
    expect(r.stderr).toContain("is a file, not a folder");
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe(""); // nothing ran: no table
  });

  it("a folder no one may write to (even root may not write in /proc/sys)", () => {
    const dir = tempDir();
    const file = writeJson(dir, "s.json", tinyScenario());
    const r = sim(["run", file, "--out", "/proc/sys/sim-results"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: error: cannot write results to \/proc\/sys\/sim-results: \/proc\/sys is not writable \(EACCES\)$/m);
    expect(r.stdout).toBe("");
  });
});

describe("Ctrl-C", () => {
  it("restores the cursor, exits 130 and leaves the previous results as they were", async () => {
    const dir = tempDir();
    const small = writeJson(dir, "s.json", tinyScenario("ctrl-c"));
    expect(sim(["run", small, "--quiet"], dir).code).toBe(0);
    const results = join(dir, "results", "ctrl-c");
    const before = Object.fromEntries(readdirSync(results).map((n) => [n, readFileSync(join(results, n), "utf8")]));
    // the same scenario, large enough to be interrupted mid-run
    const big = writeJson(dir, "big.json", tinyScenario("ctrl-c", { duration: "6h", clients: { count: 50_000 } }));
    // a terminal, so that the progress bar draws (and hides the cursor)
    const command = `exec ${process.execPath} ${CLI} run ${big} --workers 1`;
    const term = spawn("script", ["-qefc", command, "/dev/null"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let screen = "";
    term.stdout.on("data", (d: Buffer) => (screen += d.toString("utf8")));
    const exited = new Promise<number | null>((done) => term.once("exit", (code) => done(code)));
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no progress bar after 20 s:\n${screen}`)), 20_000);
      term.stdout.on("data", () => {
        if (screen.includes("%")) {
          clearTimeout(timer);
          done();
        }
      });
    });
    // script's child is the simulator itself (exec): Ctrl-C goes to it
    const pid = Number(execFileSync("pgrep", ["-P", String(term.pid)], { encoding: "utf8" }).trim());
    process.kill(pid, "SIGINT");
    expect(await exited).toBe(130); // script -e passes the child's exit code on
    const hidden = screen.lastIndexOf("\x1b[?25l");
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(screen.indexOf("\x1b[?25h", hidden)).toBeGreaterThan(hidden);
    expect(screen).toContain("sim: interrupted (SIGINT)");
    const after = Object.fromEntries(readdirSync(results).map((n) => [n, readFileSync(join(results, n), "utf8")]));
    expect(after).toEqual(before);
    expect(readdirSync(join(dir, "results")).filter((n) => !existsSync(join(dir, "results", n, "summary.csv")))).toEqual([]);
  }, 60_000);
});
