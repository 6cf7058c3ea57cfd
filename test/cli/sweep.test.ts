// `sim sweep` and `sim merge` as a user runs them: every row is the run a
// plain `sim run --set` makes; the files are the same bytes for any thread
// count, for shards merged, and for a sweep killed and resumed; every bad
// input is refused with one line per problem and nothing written.
import { spawn } from "node:child_process";
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, sim, STACK_LINE, tempDir, writeJson } from "./helpers.js";

const FILES = ["sweep.csv", "sweep-stats.csv", "sweep-skipped.csv"];

function scenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "sw",
    duration: "10m",
    replications: 2,
    clients: { count: 60, connect: { spread: "20s" }, crash: { fraction: 0.3, between: ["1m", "8m"] } },
    network: { link: { delay: { dist: "uniform", min: "20ms", max: "80ms" }, loss: { model: "bernoulli", p: 0.08 } } },
    strategies: [
      { name: "c", initiator: "client", interval: "30s", timeout: "75s" },
      { name: "s", initiator: "server", interval: "30s", timeout: "75s" },
    ],
    sweep: { vary: { "strategies.c.interval": ["10s", "20s"], "strategies.s.timeout": { from: "40s", to: "60s", step: "20s" } } },
    ...extra,
  };
}

const read = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")]));

describe("sim sweep", () => {
  it("each row is the run `sim run --set` makes at that point, summary columns byte for byte", () => {
    const dir = tempDir();
    const file = writeJson(dir, "sw.json", scenario());
    const r = sim(["sweep", file, "--out", "out", "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [head, ...rows] = readFileSync(join(dir, "out", "sweep.csv"), "utf8").trim().split("\n");
    expect(head.startsWith("point,strategies.c.interval_s,strategies.s.timeout_s,scenario,strategy,")).toBe(true);
    expect(rows).toHaveLength(2 * 2 * 2 * 2); // points x replications x strategies
    // point 3: interval 20 s, timeout 60 s
    const run = sim(["run", file, "--out", "plain", "--quiet", "--set", "strategies.c.interval=20s", "--set", "strategies.s.timeout=60s"], dir);
    expect(run.code).toBe(0);
    const plain = readFileSync(join(dir, "plain", "summary.csv"), "utf8").trim().split("\n").slice(1);
    expect(rows.filter((row) => row.startsWith("3,")).map((row) => row.split(",").slice(3).join(","))).toEqual(plain);
  });

  it("the same bytes on one thread and on two, and as three shards merged", async () => {
    const dir = tempDir();
    const file = writeJson(dir, "sw.json", scenario());
    expect(sim(["sweep", file, "--out", "one", "--workers", "1", "--quiet"], dir).code).toBe(0);
    expect(sim(["sweep", file, "--out", "two", "--workers", "2", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "two"))).toEqual(read(join(dir, "one")));
    // three shards as three processes at once, as a cluster's scheduler would start them
    const shard = (k: number) =>
      new Promise<number | null>((done) => spawn(process.execPath, [CLI, "sweep", file, "--out", "sharded", "--shard", `${k}/3`, "--quiet"], { cwd: dir }).once("exit", done));
    expect(await Promise.all([1, 2, 3].map(shard))).toEqual([0, 0, 0]);
    expect(readdirSync(join(dir, "sharded")).sort()).toEqual(["shard-1-of-3", "shard-2-of-3", "shard-3-of-3"]);
    expect(sim(["merge", "sharded", "--out", "merged", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "merged"))).toEqual(read(join(dir, "one")));
    // a single shard of one is the whole sweep too
    expect(sim(["sweep", file, "--out", "all", "--shard", "1/1", "--quiet"], dir).code).toBe(0);
    expect(sim(["merge", "all", "--out", "all-merged", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "all-merged"))).toEqual(read(join(dir, "one")));
  }, 60_000);

  it("killed at a random job, leaves no file that looks complete; resumed, gives the same bytes", async () => {
    // which job: drawn from the suite's fast-check seed (test/support/fast-check-seed.ts), so CI is reproducible
    const [at] = fc.sample(fc.integer({ min: 1, max: 12 }), 1);
    const dir = tempDir();
    // enough jobs, each long enough, to be killed in the middle
    const file = writeJson(dir, "sw.json", scenario({ clients: { count: 3000, crash: { fraction: 0.3, between: ["1m", "8m"] } } }));
    expect(sim(["sweep", file, "--out", "whole", "--quiet"], dir).code).toBe(0);
    const child = spawn(process.execPath, [CLI, "sweep", file, "--out", "cut", "--workers", "1", "--quiet"], { cwd: dir });
    const jobs = join(dir, "cut", ".jobs");
    const kept = () => (existsSync(jobs) ? readdirSync(jobs).filter((n) => n.endsWith(".json")).length : 0);
    await new Promise<void>((done, fail) => {
      const timer = setInterval(() => {
        if (kept() >= at) {
          clearInterval(timer);
          child.kill("SIGKILL");
          done();
        }
      }, 20);
      child.once("exit", () => {
        clearInterval(timer);
        fail(new Error("the sweep finished before it could be killed"));
      });
    });
    await new Promise((done) => child.once("exit", done));
    const left = kept();
    expect(left).toBeGreaterThanOrEqual(at);
    expect(left).toBeLessThan(16);
    for (const f of FILES) expect(existsSync(join(dir, "cut", f)), f).toBe(false);
    const resumed = sim(["sweep", file, "--out", "cut", "--resume", "--quiet"], dir);
    expect(resumed.code).toBe(0);
    expect(read(join(dir, "cut"))).toEqual(read(join(dir, "whole")));
  }, 120_000);

  it("lists skipped points when the sweep says to skip the ones that break a rule", () => {
    const dir = tempDir();
    const sweep = { vary: { "strategies.c.interval": ["30s", "90s"] }, invalid: "skip" };
    const file = writeJson(dir, "sw.json", scenario({ sweep }));
    const r = sim(["sweep", file, "--out", "out"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("2 points (1 skipped: see sweep-skipped.csv) x 2 strategies x 2 replications = 4 jobs");
    expect(readFileSync(join(dir, "out", "sweep-skipped.csv"), "utf8")).toBe(
      "point,strategies.c.interval_s,reason\n" +
        '1,90,"sweep point 1 (strategies.c.interval=1m30s): at strategies[0].timeout: expected a timeout longer than the interval (1m30s), found 1m15s: every connection would be released between two heartbeats"\n',
    );
  });
});

describe("bad input: exit 2, a line per problem, nothing written", () => {
  const cases: [string, Record<string, unknown>, string[], string][] = [
    ["an unknown path in --vary", scenario(), ["--vary", "strategies.c.intervall=5s,10s"], '--vary strategies.c.intervall=5s,10s: unknown path: at strategies[0]: unknown key "intervall" (did you mean "interval"?)'],
    ["an unknown strategy in --vary", scenario(), ["--vary", "strategies.x.interval=5s"], "--vary strategies.x.interval=5s: strategies.x does not exist in"],
    ["an empty value list", scenario(), ["--vary", "strategies.c.interval=5s,,10s"], "--vary strategies.c.interval=5s,,10s: expected a value between every two commas"],
    ["a range with step 0", scenario(), ["--vary", "strategies.c.interval=10s..30s/0s"], "--vary strategies.c.interval=10s..30s/0s: expected a step > 0, found 0ms"],
    ["a range pointing the wrong way", scenario(), ["--vary", "strategies.c.interval=30s..10s/5s"], '--vary strategies.c.interval=30s..10s/5s: the range points the wrong way: "to" (10s) is before "from" (30s)'],
    ["an empty list in the file", scenario({ sweep: { vary: { "strategies.c.interval": [] } } }), [], 'at sweep.vary["strategies.c.interval"]: expected at least one value, found []'],
    ["a point that breaks a rule", scenario({ sweep: { vary: { "strategies.c.interval": ["30s", "90s"] } } }), [], "sweep point 1 (strategies.c.interval=1m30s): at strategies[0].timeout: expected a timeout longer than the interval"],
    ["more jobs than the limit", scenario({ sweep: { vary: { "strategies.c.interval": ["10s", "20s"] }, maxJobs: 5 } }), [], "the sweep has 8 jobs (2 points x strategies x replications), more than its limit of 5; raise \"maxJobs\" in the sweep block or pass --force"],
    ["nothing to sweep", scenario({ sweep: undefined }), [], 'nothing to sweep: give the scenario a "sweep" block, or --vary PATH=V1,V2,...'],
    ["--shard 0/4", scenario(), ["--shard", "0/4"], '--shard: expected K/N with 1 <= K <= N (shard K of N, e.g. 3/8), found "0/4"'],
    ["--shard 5/4", scenario(), ["--shard", "5/4"], '--shard: expected K/N with 1 <= K <= N (shard K of N, e.g. 3/8), found "5/4"'],
    ["--shard x/y", scenario(), ["--shard", "x/y"], '--shard: expected K/N with 1 <= K <= N (shard K of N, e.g. 3/8), found "x/y"'],
  ];
  it.each(cases)("%s", (_what, s, flags, message) => {
    const dir = tempDir();
    const file = writeJson(dir, "sw.json", s);
    const r = sim(["sweep", file, "--out", "out", ...flags], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.split("\n").filter((l) => l !== "").every((l) => l.startsWith("sim: error: "))).toBe(true);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("the job limit gives way to --force", () => {
    const dir = tempDir();
    const file = writeJson(dir, "sw.json", scenario({ sweep: { vary: { "strategies.c.interval": ["10s", "20s"] }, maxJobs: 5 } }));
    expect(sim(["sweep", file, "--out", "out", "--force", "--quiet"], dir).code).toBe(0);
  });

  it("merging shards of different sweeps, a shard twice, or a missing shard", () => {
    const dir = tempDir();
    const a = writeJson(dir, "a.json", scenario());
    const b = writeJson(dir, "b.json", scenario({ seed: 9 }));
    for (const k of [1, 2, 3]) expect(sim(["sweep", a, "--out", "a", "--shard", `${k}/3`, "--quiet"], dir).code).toBe(0);
    expect(sim(["sweep", b, "--out", "b", "--shard", "2/3", "--quiet"], dir).code).toBe(0);
    const other = sim(["merge", "a/shard-1-of-3", "b/shard-2-of-3", "a/shard-3-of-3", "--out", "m"], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe("sim: error: b/shard-2-of-3: a shard of another sweep than a/shard-1-of-3 (another scenario, edits, or shard count): merge the shards of one sweep\n");
    const twice = sim(["merge", "a/shard-1-of-3", "a/shard-1-of-3", "--out", "m"], dir);
    expect(twice.stderr).toBe("sim: error: a/shard-1-of-3: shard 1 of 3 again (also a/shard-1-of-3)\n");
    const missing = sim(["merge", "a/shard-1-of-3", "a/shard-3-of-3", "--out", "m"], dir);
    expect(missing.stderr).toBe("sim: error: missing shard 2 of 3 of sw: run them, then merge again\n");
    const none = sim(["merge", "b.json", "--out", "m"], dir);
    expect(none.stderr).toBe("sim: error: b.json: no such folder\n");
    for (const r of [twice, missing, none]) expect(r.code).toBe(2);
    expect(existsSync(join(dir, "m"))).toBe(false);
  }, 60_000);
});

describe("sim run with replications", () => {
  it("also writes summary-stats.csv: each strategy's mean, spread and interval over its replications", () => {
    const dir = tempDir();
    const file = writeJson(dir, "sw.json", scenario({ sweep: undefined, replications: 3 }));
    expect(sim(["run", file, "--out", "out", "--quiet"], dir).code).toBe(0);
    const table = (f: string) => readFileSync(join(dir, "out", f), "utf8").trim().split("\n").map((l) => l.split(","));
    const [head, ...rows] = table("summary.csv");
    const [shead, ...stats] = table("summary-stats.csv");
    const col = (h: string[], name: string) => h.indexOf(name);
    const fp = rows.filter((r) => r[col(head, "strategy")] === "c").map((r) => Number(r[col(head, "false_positives_per_client_hour")]));
    expect(fp).toHaveLength(3);
    const c = stats.find((r) => r[0] === "c")!;
    const mean = (fp[0] + fp[1] + fp[2]) / 3;
    expect(Number(c[col(shead, "false_positives_per_client_hour_mean")])).toBeCloseTo(mean, 6);
    expect(c[col(shead, "false_positives_per_client_hour_n")]).toBe("3");
    // t(0.975, 2) = 4.302653 (tables)
    const sd = Math.sqrt(fp.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(Number(c[col(shead, "false_positives_per_client_hour_ci95_high")])).toBeCloseTo(mean + (4.302653 * sd) / Math.sqrt(3), 5);
    // one replication: no statistics file
    expect(sim(["run", file, "--out", "one", "--replications", "1", "--quiet"], dir).code).toBe(0);
    expect(existsSync(join(dir, "one", "summary-stats.csv"))).toBe(false);
  });
});
