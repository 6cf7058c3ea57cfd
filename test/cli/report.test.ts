// `sim report` through the built CLI: what the page carries agrees with the
// CSV files it was made from (the percentiles to the microsecond, the load's
// mean), the same folder gives the same bytes, and every broken folder is
// refused with one line, exit 2, and nothing written.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { STACK_LINE, sim, tempDir, tinyScenario, writeJson } from "./helpers.js";

let root: string;
let made: string;

const scenario = tinyScenario("rep", {
  duration: "10m",
  replications: 2,
  clients: { count: 40, crash: { fraction: 0.5, between: ["1m", "8m"] } },
  network: { link: { delay: { dist: "uniform", min: "10ms", max: "90ms" }, loss: { model: "bernoulli", p: 0.1 } } },
  server: { restarts: [{ at: "5m", downFor: "10s" }] },
  metrics: { bucket: "10s" },
});

beforeAll(() => {
  root = tempDir();
  const file = writeJson(root, "rep.json", scenario);
  const r = sim(["run", file, "--out", "made", "--quiet"], root);
  expect(r.code).toBe(0);
  made = join(root, "made");
});

/** a fresh copy of the made folder to break */
function copy(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const f of readdirSync(made)) if (f.endsWith(".csv") || f.endsWith(".json")) writeFileSync(join(dir, f), readFileSync(join(made, f)));
  return dir;
}

/** every data set in the report's compiled charts, by the chart's id */
function chartData(html: string): Map<string, Record<string, unknown>[]> {
  const json = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "[]";
  const charts = JSON.parse(json.replaceAll("<\\/", "</")) as { id: string; vega: { data?: { values?: Record<string, unknown>[] }[] } }[];
  return new Map(charts.map((c) => [c.id, (c.vega.data ?? []).flatMap((d) => d.values ?? [])]));
}

const summaryRows = (dir: string) => {
  const [head, ...rows] = readFileSync(join(dir, "summary.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
  return rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
};

describe("sim report", () => {
  it("writes report.html, says so in one line, and the same folder gives the same bytes", () => {
    const dir = copy("twice");
    const r = sim(["report", dir], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^wrote .*twice\/report\.html \(5 charts, \d+(\.\d)? (KB|MB)\)\n$/);
    const first = readFileSync(join(dir, "report.html"));
    expect(sim(["report", dir, "--quiet"], root).stderr).toBe("");
    expect(readFileSync(join(dir, "report.html")).equals(first)).toBe(true);
    // self-contained: no element that fetches anything (the scripts' own text aside)
    const markup = first.toString().replace(/<script[^>]*>[\s\S]*?<\/script>/g, "");
    expect(markup).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
    expect(first.toString()).toContain('<script type="application/json" id="report-charts">');
  });

  it("marks the latency percentiles summary.csv has, pooled over replications when there are several", () => {
    const dir = copy("pcts");
    expect(sim(["report", dir, "--quiet"], root).code).toBe(0);
    const data = chartData(readFileSync(join(dir, "report.html"), "utf8"));
    // the latencies from detections.csv, pooled, nearest rank
    const lat = new Map<string, number[]>();
    for (const line of readFileSync(join(dir, "detections.csv"), "utf8").trim().split("\n").slice(1)) {
      const c = line.split(",");
      if (c[4] === "true") lat.set(c[0], [...(lat.get(c[0]) ?? []), Number(c[5])]);
    }
    const marks = (data.get("latency-cdf") ?? []).filter((d) => d.mark !== undefined);
    expect(marks.length).toBe(2 * lat.size);
    for (const [strategy, xs] of lat) {
      xs.sort((a, b) => a - b);
      const rank = (p: number) => xs[Math.max(1, Math.ceil((p * xs.length) / 100)) - 1];
      expect(marks.find((m) => m.strategy === strategy && m.mark === "p50")?.latency_s).toBe(rank(50));
      expect(marks.find((m) => m.strategy === strategy && m.mark === "p99")?.latency_s).toBe(rank(99));
      // the curve ends at the largest latency, share 1
      const curve = (data.get("latency-cdf") ?? []).filter((d) => d.strategy === strategy && d.mark === undefined);
      expect(curve.at(-1)).toEqual({ strategy, latency_s: xs.at(-1), share: 1 });
    }
    // with one replication the pooled percentiles are summary.csv's own
    const one = copy("one-rep");
    const file = writeJson(root, "one.json", { ...scenario, replications: 1 });
    expect(sim(["run", file, "--out", one, "--quiet", "--report"], root).code).toBe(0);
    const oneMarks = (chartData(readFileSync(join(one, "report.html"), "utf8")).get("latency-cdf") ?? []).filter((d) => d.mark === "p99");
    for (const row of summaryRows(one)) {
      expect(oneMarks.find((m) => m.strategy === row.strategy)?.latency_s).toBe(Number(row.detection_latency_p99_s));
    }
  });

  it("draws the server's load so that its mean over the run is summary.csv's mean, and marks the restart", () => {
    const dir = copy("load");
    expect(sim(["report", dir, "--quiet"], root).code).toBe(0);
    const load = chartData(readFileSync(join(dir, "report.html"), "utf8")).get("server-load") ?? [];
    for (const strategy of ["server-10s", "client-10s"]) {
      const rates = load.filter((d) => d.kind === "load" && d.strategy === strategy).map((d) => d.msgs_per_s as number);
      // 60 buckets of 10 s, in and out: the mean rate over equal buckets is the total over the run's length
      expect(rates).toHaveLength(2 * 60);
      const mean = rates.reduce((a, b) => a + b, 0) / 60;
      const fromSummary = summaryRows(dir).filter((r) => r.strategy === strategy).map((r) => Number(r.server_msgs_per_s_mean));
      expect(mean).toBeCloseTo((fromSummary[0] + fromSummary[1]) / 2, 2);
      expect(load.filter((d) => d.kind === "restart" && d.strategy === strategy)).toEqual([{ kind: "restart", strategy, t_s: 300, down_for_s: 10 }]);
    }
  });

  it("--svg writes each chart as an SVG file; a new run drops the old report and charts, and keeps a note of the user's", () => {
    const dir = copy("svg");
    expect(sim(["report", dir, "--svg", "--quiet"], root).code).toBe(0);
    const svgs = readdirSync(join(dir, "charts")).sort();
    expect(svgs).toEqual(["client-cost.svg", "false-releases.svg", "latency-cdf.svg", "server-load.svg", "tracked.svg"]);
    for (const f of svgs) {
      const svg = readFileSync(join(dir, "charts", f), "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toMatch(/<path/);
    }
    writeFileSync(join(dir, "NOTES.txt"), "mine\n");
    expect(sim(["run", join(root, "rep.json"), "--out", dir, "--quiet"], root).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["NOTES.txt", "detections.csv", "run.json", "summary-stats.csv", "summary.csv", "timeseries.csv"]);
  });

  const broken: [string, (dir: string) => void, RegExp][] = [
    ["a folder without results", (d) => rmSync(d, { recursive: true }) ?? mkdirSync(d), /has no results: expected summary\.csv \(from sim run\) or sweep\.csv \(from sim sweep\)$/],
    ["a half-written folder", (d) => rmSync(join(d, "detections.csv")), /is half-written: it has summary\.csv but no detections\.csv; run the scenario again$/],
    ["a folder of an earlier version (no run.json)", (d) => rmSync(join(d, "run.json")), /has no run\.json: written by an earlier version of sim/],
    ["another results format", (d) => writeFileSync(join(d, "run.json"), readFileSync(join(d, "run.json"), "utf8").replace('"format": 1', '"format": 2')), /results format 2, this sim reads format 1/],
    ["a cut detections.csv", (d) => truncateSync(join(d, "detections.csv"), statSync(join(d, "detections.csv")).size - 3), /detections\.csv ends in the middle of line \d+/],
    ["a renamed column", (d) => writeFileSync(join(d, "summary.csv"), readFileSync(join(d, "summary.csv"), "utf8").replace("detection_latency_p50_s", "p50")), /summary\.csv: column 15 of the header should be "detection_latency_p50_s", found "p50"/],
    ["a word where a number goes", (d) => writeFileSync(join(d, "timeseries.csv"), readFileSync(join(d, "timeseries.csv"), "utf8").replace(/\n(server-10s,0,10,)\d+/, "\n$1lots")), /timeseries\.csv line 3, column server_in: expected a whole number, found "lots"/],
    ["a release deleted", (d) => writeFileSync(join(d, "detections.csv"), readFileSync(join(d, "detections.csv"), "utf8").replace(/\n[^\n]*,true,[^\n]*/, "")), /detections\.csv has \d+ releases of crashed clients of \S+ #\d, summary\.csv says detected = \d+: files of different runs, or edited/],
    ["a bucket missing", (d) => writeFileSync(join(d, "timeseries.csv"), readFileSync(join(d, "timeseries.csv"), "utf8").replace(/\nclient-10s,1,590,[^\n]*/, "")), /timeseries\.csv has 59 buckets of client-10s #1, a 600 s run has 60/],
    ["another scenario's summary", (d) => writeFileSync(join(d, "summary.csv"), readFileSync(join(d, "summary.csv"), "utf8").replaceAll("\nrep,", "\nother,")), /summary\.csv line 2, column scenario: "other", but run\.json is of "rep"/],
    ["a row appended", (d) => appendFileSync(join(d, "detections.csv"), "server-10s,0,3,12,maybe,\n"), /detections\.csv line \d+: crashed is neither true nor false/],
  ];
  for (const [what, breakIt, message] of broken) {
    it(`refuses ${what}: exit 2, one line, nothing written`, () => {
      const dir = copy(`broken-${what.replace(/\W+/g, "-")}`);
      breakIt(dir);
      const before = readdirSync(dir).sort();
      const r = sim(["report", dir], root);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(/^sim: error: /);
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  }

  it("refuses a missing folder, a file, a sweep's shard and an unfinished sweep, each with what to do", () => {
    const cases: [string, RegExp][] = [
      [join(root, "nowhere"), /nowhere does not exist: give a folder that sim run or sim sweep wrote/],
      [join(made, "summary.csv"), /summary\.csv is a file: give the folder that sim run or sim sweep wrote/],
    ];
    const shard = join(root, "shard");
    mkdirSync(shard);
    writeFileSync(join(shard, "sweep-shard.json"), "{}");
    cases.push([shard, /one shard of a sweep: join the shards with sim merge, then report the merged folder/]);
    const unfinished = join(root, "unfinished");
    mkdirSync(join(unfinished, ".jobs"), { recursive: true });
    writeFileSync(join(unfinished, ".jobs", "abc.json"), "[]");
    cases.push([unfinished, /an unfinished sweep \(1 jobs done, no sweep\.csv yet\): finish it with sim sweep --resume/]);
    for (const [dir, message] of cases) {
      const r = sim(["report", dir], root);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(shard, "report.html"))).toBe(false);
  });

  it("refuses a sweep folder half-written or of two sweeps, with one line and nothing written", () => {
    const file = writeJson(root, "sw2.json", { ...scenario, replications: 1, sweep: { vary: { "strategies.client-10s.interval": ["10s", "20s"] } } });
    expect(sim(["sweep", file, "--out", "sw2", "--quiet"], root).code).toBe(0);
    const sweepDir = join(root, "sw2");
    const stats = readFileSync(join(sweepDir, "sweep-stats.csv"), "utf8");
    const cases: [() => void, RegExp][] = [
      [() => rmSync(join(sweepDir, "sweep-stats.csv")), /is half-written: it has sweep\.csv but no sweep-stats\.csv; make the sweep again/],
      [() => writeFileSync(join(sweepDir, "sweep-stats.csv"), stats.replace("\n1,", "\n7,")), /sweep-stats\.csv line \d+, column strategy: point 7 of \S+ is not in sweep\.csv: files of different sweeps/],
      [() => writeFileSync(join(sweepDir, "sweep-stats.csv"), stats.replace(/,(true|false)\n/, ",perhaps\n")), /column pareto: expected true or false, found "perhaps"/],
    ];
    for (const [breakIt, message] of cases) {
      breakIt();
      const r = sim(["report", sweepDir], root);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(sweepDir, "report.html"))).toBe(false);
    }
    writeFileSync(join(sweepDir, "sweep-stats.csv"), stats);
    expect(sim(["report", sweepDir, "--quiet"], root).code).toBe(0);
  });

  it("with several folders and one bad, writes none", () => {
    const good = copy("good-of-two");
    const bad = copy("bad-of-two");
    rmSync(join(bad, "timeseries.csv"));
    const r = sim(["report", good, bad], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-of-two is half-written: it has summary\.csv but no timeseries\.csv/);
    expect(existsSync(join(good, "report.html"))).toBe(false);
  });

  it("refuses --svg without --report on run and sweep, before running anything", () => {
    for (const command of ["run", "sweep"]) {
      const r = sim([command, join(root, "rep.json"), "--svg", "--out", `svg-${command}`], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("sim: error: --svg draws the report's charts: give --report too\n");
      expect(existsSync(join(root, `svg-${command}`))).toBe(false);
    }
  });

  it("refuses --report with --shard before running anything", () => {
    const file = writeJson(root, "sw.json", { ...scenario, sweep: { vary: { "strategies.client-10s.interval": ["10s", "20s"] } } });
    const r = sim(["sweep", file, "--shard", "1/2", "--report", "--out", "sh"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report with --shard: .*sim merge/);
    expect(existsSync(join(root, "sh"))).toBe(false);
  });
});
