// `npm run bench`: times each benchmark scenario as a whole `sim run`
// process (start-up, loading and CSV writing included, as a user sees it),
// several times, and prints median and min wall time, events, events/s,
// simulated client-hours per second, peak RSS and the ratio to the recorded
// baseline. A benchmark, never a test:
// wall times on a shared machine are noisy, so compare ratios from one run.
// With --vs DIR (another checkout of the project, built) each run of this
// build is paired with one of DIR's, the two taking turns to go first, and
// the table adds this build's time over DIR's: the median of the pairs'
// ratios and their range, which stays meaningful while the machine's speed
// drifts (a table against a baseline recorded another day does not).
//
//   node scripts/bench.mjs [--runs N] [--only NAME]... [--all] [--save-baseline] [--results DIR] [--vs DIR]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli/sim.mjs");
const BASELINE = join(ROOT, "bench/baseline.json");
const GNU_TIME = "/usr/bin/time";

// heavy: 1M clients, with --all; by name: the moonshot (1M clients x 24 h,
// minutes a run) and ref-10m, only with --only NAME
const SCENARIOS = [
  { name: "ref-10k", file: "scenarios/bench/ref-10k.json" },
  { name: "ref-100k", file: "scenarios/bench/ref-100k.json" },
  { name: "ref-1m", file: "scenarios/bench/ref-1m.json", heavy: true },
  { name: "10k-mobile", file: "scenarios/10k-mobile.json" },
  // the realistic path at scale: 10k-mobile itself at 100,000 and 1,000,000 phones (the latter with --all)
  { name: "mobile-100k", file: "scenarios/10k-mobile.json", set: ["clients.count=100000"] },
  { name: "mobile-1m", file: "scenarios/10k-mobile.json", set: ["clients.count=1000000"], heavy: true },
  // the reference model (ref-1m's file) at 10,000,000 clients (a minute and a half or more; by name only)
  { name: "ref-10m", file: "scenarios/bench/ref-1m.json", set: ["clients.count=10000000"], byName: true },
  { name: "moonshot", file: "scenarios/bench/moonshot.json", byName: true },
  // the shipped sweep (24 points x 2 strategies x 5 replications, 240 jobs), on one thread and on all:
  // the sweep's cost against the sum of its jobs' single-thread times over the threads (by name only)
  { name: "sweep-24", file: "scenarios/sweeps/mobile-timeouts.json", byName: true, sweep: true },
  // `sim report` of a million clients over a day (5.3 million detection rows, 220 MB): the moonshot
  // is run once, untimed (minutes), unless --results names a folder it already wrote; by name only
  { name: "report-1m", file: "scenarios/bench/moonshot.json", byName: true, report: true },
];

function parseArgs(argv) {
  const args = { runs: 3, only: [], all: false, saveBaseline: false, results: undefined, vs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") args.runs = Number(argv[++i]);
    else if (a === "--only") args.only.push(...String(argv[++i] ?? "").split(","));
    else if (a === "--all") args.all = true;
    else if (a === "--save-baseline") args.saveBaseline = true;
    else if (a === "--results") args.results = argv[++i];
    else if (a === "--vs") args.vs = argv[++i];
    else fail(`unknown option ${a}\nusage: node scripts/bench.mjs [--runs N] [--only NAME]... [--all] [--save-baseline] [--results DIR] [--vs DIR]`);
  }
  if (args.vs !== undefined) {
    const other = join(resolve(args.vs), "dist/cli/sim.mjs");
    if (!existsSync(other)) fail(`--vs ${args.vs}: no ${other}: give a checkout of this project, built (npm ci, or npm run build, in it)`);
    args.vsCli = other;
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) fail("--runs needs a whole number >= 1");
  const unknown = args.only.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) fail(`unknown scenario ${unknown.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  return args;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** one `sim run` (or `sim sweep` on `workers` threads): wall ms, events summed over summary.csv rows, peak RSS in KiB (or null) */
function runOnce(file, workers, set = [], cli = CLI) {
  const out = mkdtempSync(join(tmpdir(), "hb-bench-"));
  const rssFile = join(out, "maxrss.txt");
  const sim =
    workers === undefined
      ? [cli, "run", file, ...set.flatMap((v) => ["--set", v]), "--quiet", "--out", join(out, "results")]
      : [cli, "sweep", file, "--quiet", "--workers", String(workers), "--out", join(out, "results")];
  // GNU time reports the child's peak RSS; elsewhere a preloaded hook reports the process's own
  const [cmd, argv, env] = existsSync(GNU_TIME)
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...sim], process.env]
    : [process.execPath, ["--import", join(ROOT, "scripts/rss-report.mjs"), ...sim], { ...process.env, BENCH_RSS_FILE: rssFile }];
  try {
    const start = process.hrtime.bigint();
    const child = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) throw new Error(`sim run ${file} exited with ${child.status ?? child.signal}:\n${String(child.stderr).trim()}`);
    const rss = existsSync(rssFile) ? Number.parseInt(readFileSync(rssFile, "utf8").trim().split("\n").pop(), 10) : NaN;
    const totals = summaryTotals(readFileSync(join(out, workers === undefined ? "results/summary.csv" : "results/sweep.csv"), "utf8"));
    return { ms, ...totals, rssKiB: Number.isFinite(rss) ? rss : null };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// summary.csv never quotes a cell: names match [A-Za-z0-9._-]+, the
// fingerprint is hex and numbers are plain, so lines and commas split it.
// Events, and simulated client-hours: the work a run stands for, whatever
// number of events it took (quiet rounds run ahead are no events at all).
function summaryTotals(csv) {
  const [head, ...rows] = csv.trim().split("\n").map((line) => line.split(","));
  const column = (name) => {
    const k = head.indexOf(name);
    if (k < 0) throw new Error(`summary.csv has no "${name}" column`);
    return k;
  };
  const [events, clients, duration] = ["events", "clients", "duration_s"].map(column);
  return {
    events: rows.reduce((s, r) => s + Number(r[events]), 0),
    clientHours: rows.reduce((s, r) => s + (Number(r[clients]) * Number(r[duration])) / 3600, 0),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** the scenario's runs; with vsCli, each paired with a run of that build (odd runs this one first, even runs the other) */
function bench(scenario, runs, workers, vsCli) {
  const results = [];
  const ratios = [];
  for (let r = 1; r <= runs; r++) {
    process.stderr.write(`${scenario.name}${workers === undefined ? "" : ` on ${workers} thread(s)`}: run ${r}/${runs}\n`);
    if (vsCli === undefined) {
      results.push(runOnce(scenario.file, workers, scenario.set));
      continue;
    }
    const mineOnce = () => runOnce(scenario.file, workers, scenario.set);
    const theirsOnce = () => runOnce(scenario.file, workers, scenario.set, vsCli);
    let mine, theirs;
    if (r % 2 === 1) {
      mine = mineOnce();
      theirs = theirsOnce();
    } else {
      theirs = theirsOnce();
      mine = mineOnce();
    }
    results.push(mine);
    ratios.push(mine.ms / theirs.ms);
  }
  // events are deterministic: a difference between runs is a bug, not noise
  const events = new Set(results.map((x) => x.events));
  if (events.size > 1) process.stderr.write(`${scenario.name}: WARNING events differ between runs: ${[...events].join(", ")}\n`);
  const rss = results.map((x) => x.rssKiB).filter((x) => x !== null);
  return {
    medianMs: median(results.map((x) => x.ms)),
    minMs: Math.min(...results.map((x) => x.ms)),
    events: results[0].events,
    clientHours: results[0].clientHours,
    peakRssMiB: rss.length > 0 ? Math.max(...rss) / 1024 : null,
    vs: ratios.length > 0 ? { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) } : undefined,
  };
}

/** `sim report` of the scenario's results folder, made once (or given): wall ms and peak RSS as runOnce's */
function benchReport(scenario, runs, given) {
  let dir = given;
  let made;
  if (dir === undefined) {
    made = mkdtempSync(join(tmpdir(), "hb-bench-"));
    dir = join(made, "results");
    process.stderr.write(`${scenario.name}: making the results of ${scenario.file} once (untimed)\n`);
    const child = spawnSync(process.execPath, [CLI, "run", scenario.file, "--quiet", "--out", dir], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (child.status !== 0) throw new Error(`sim run ${scenario.file} exited with ${child.status ?? child.signal}`);
  }
  try {
    const results = [];
    for (let r = 1; r <= runs; r++) {
      process.stderr.write(`${scenario.name}: run ${r}/${runs}\n`);
      const rssFile = join(tmpdir(), `hb-bench-rss-${process.pid}.txt`);
      const sim = [CLI, "report", dir, "--quiet"];
      const [cmd, argv, env] = existsSync(GNU_TIME)
        ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...sim], process.env]
        : [process.execPath, ["--import", join(ROOT, "scripts/rss-report.mjs"), ...sim], { ...process.env, BENCH_RSS_FILE: rssFile }];
      const start = process.hrtime.bigint();
      const child = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.status !== 0) throw new Error(`sim report ${dir} exited with ${child.status ?? child.signal}:\n${String(child.stderr).trim()}`);
      const rss = existsSync(rssFile) ? Number.parseInt(readFileSync(rssFile, "utf8").trim().split("\n").pop(), 10) : NaN;
      rmSync(rssFile, { force: true });
      results.push({ ms, rssKiB: Number.isFinite(rss) ? rss : null });
    }
    const rss = results.map((x) => x.rssKiB).filter((x) => x !== null);
    return {
      medianMs: median(results.map((x) => x.ms)),
      minMs: Math.min(...results.map((x) => x.ms)),
      // the rows read, as the work done
      events: countLines(join(dir, "detections.csv")) - 1,
      peakRssMiB: rss.length > 0 ? Math.max(...rss) / 1024 : null,
      reportBytes: statSync(join(dir, "report.html")).size,
    };
  } finally {
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
  }
}

function countLines(file) {
  const text = readFileSync(file);
  let n = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) n++;
  return n;
}

function loadBaseline() {
  return existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, "utf8")) : { scenarios: {} };
}

function table(rows, vs) {
  const head = ["scenario", "median s", "min s", "events", "events/s", "client-h/s", "peak RSS MiB", "vs baseline", ...(vs ? ["vs other"] : [])];
  const cells = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  // the name left-aligned, numbers right-aligned so digits line up
  return cells.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ")).join("\n");
}

function row(name, m, base, vs) {
  const ratio = base ? `${(m.medianMs / base.medianMs).toFixed(2)}x` : "-";
  return [
    name,
    (m.medianMs / 1000).toFixed(2),
    (m.minMs / 1000).toFixed(2),
    String(m.events),
    `${((m.events / m.medianMs) * 1000 / 1e6).toFixed(2)}M`,
    m.clientHours === undefined ? "-" : `${((m.clientHours / m.medianMs) * 1000 / 1e3).toFixed(0)}k`,
    m.peakRssMiB === null ? "-" : m.peakRssMiB.toFixed(0),
    ratio,
    ...(vs ? [m.vs === undefined ? "-" : `${m.vs.median.toFixed(2)}x (${m.vs.min.toFixed(2)}-${m.vs.max.toFixed(2)})`] : []),
  ];
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) fail(`${CLI} not found: build first (npm run bench does)`);
  const chosen = SCENARIOS.filter((s) => (args.only.length > 0 ? args.only.includes(s.name) : !s.byName && (!s.heavy || args.all)));
  const baseline = loadBaseline();
  const vs = args.vsCli !== undefined;
  const rows = [];
  const notes = [];
  const measured = {};
  for (const s of chosen) {
    if (!existsSync(join(ROOT, s.file))) {
      notes.push(`${s.name}: skipped, ${s.file} does not exist yet`);
      continue;
    }
    try {
      if (s.report) {
        const m = benchReport(s, args.runs, args.results);
        measured[s.name] = m;
        rows.push(row(s.name, m, baseline.scenarios?.[s.name], vs));
        notes.push(`${s.name}: report.html ${(m.reportBytes / 2 ** 20).toFixed(2)} MB (targets: under 10 s, under 5 MB)`);
        continue;
      }
      if (s.sweep) {
        // the sum of the jobs' single-thread times is the sweep on one thread (its own few
        // tenths of a second of planning and writing included); ideal on T threads is that / T
        const threads = cpus().length;
        const one = bench(s, args.runs, 1);
        const all = bench(s, args.runs, threads);
        measured[s.name] = all;
        rows.push(row(`${s.name} x1`, one, undefined, vs), row(`${s.name} x${threads}`, all, baseline.scenarios?.[s.name], vs));
        notes.push(
          `${s.name}: ${threads} threads ${(one.medianMs / all.medianMs).toFixed(2)}x faster than one; ` +
            `cost ${(all.medianMs / (one.medianMs / threads)).toFixed(3)}x the jobs' single-thread time / ${threads} (target <= 1.1)`,
        );
        continue;
      }
      measured[s.name] = bench(s, args.runs, undefined, args.vsCli);
      rows.push(row(s.name, measured[s.name], baseline.scenarios?.[s.name], vs));
    } catch (e) {
      notes.push(`${s.name}: FAILED: ${e.message}`);
    }
  }
  if (args.only.length === 0) {
    if (!args.all) notes.push("ref-1m, mobile-1m: skipped (pass --all, or --only with the name)");
    notes.push("ref-10m: skipped (10M clients, over a minute a run: pass --only ref-10m)");
    notes.push("moonshot: skipped (1M clients x 24 h, minutes a run: pass --only moonshot)");
  }
  process.stdout.write(`${table(rows, vs)}\n`);
  process.stdout.write(`${args.runs} run(s) each, whole process; vs baseline = median / baseline median (above 1 is slower)\n`);
  if (vs) {
    process.stdout.write(`vs other = this build's wall time / ${args.vs}'s, pair by pair, the two taking turns to go first: median (min-max) of the pairs\n`);
    if (chosen.some((s) => s.report || s.sweep)) notes.push("report and sweep benchmarks are not paired with --vs");
  }
  for (const n of notes) process.stdout.write(`${n}\n`);
  if (args.saveBaseline) saveBaseline(baseline, measured);
  if (notes.some((n) => n.includes("FAILED"))) process.exitCode = 1;
}

/** merges, so saving after --only keeps the other scenarios' baselines */
function saveBaseline(baseline, measured) {
  const machine = { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cpus: cpus().length };
  // a pairing with another build is no property of this one
  const own = Object.fromEntries(Object.entries(measured).map(([name, { vs: _vs, ...m }]) => [name, m]));
  const next = { machine, scenarios: { ...baseline.scenarios, ...own } };
  mkdirSync(dirname(BASELINE), { recursive: true });
  writeFileSync(BASELINE, `${JSON.stringify(next, null, 2)}\n`);
  process.stdout.write(`baseline saved to ${BASELINE}\n`);
}

main();
