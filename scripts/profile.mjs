// `npm run profile -- FILE [--strategy NAME] [--replication K] [--no-shortcuts]`:
// where a run's time goes, for the people making it faster. For each strategy
// of the scenario (one replication, on this thread) it prints the events per
// client-hour by kind, each kind's share of the events, the time spent in
// its handler (the handler and everything it calls: an arrival's hand-over
// and the answer it sends) and per event, and what is left for the event
// loop and the queue. Each handler is timed on its own, so the run is
// slower than a plain one (about 0.1 µs an event); the shares are what it is
// for. Over Linux's TCP it also counts the heartbeat rounds and app requests
// asked to run at once and why the others went the events' way (ROUND in
// src/model/tcp-linux.ts). Not part of `npm test`; see docs/performance.md.
//
// It reads the compiled model (dist/, `npm run build` first), bundled on the
// fly with esbuild so that Node loads it as one file, and reaches into the
// simulator's handler table, which is not an API.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message) {
  process.stderr.write(`npm run profile: ${message}\n`);
  process.exit(2);
}

const args = { file: undefined, strategy: undefined, replication: 0, shortcuts: true };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--strategy") args.strategy = argv[++i];
  else if (a === "--replication") args.replication = Number(argv[++i]);
  else if (a === "--no-shortcuts") args.shortcuts = false;
  else if (a.startsWith("--")) fail(`unknown option ${a}\nusage: npm run profile -- FILE [--strategy NAME] [--replication K] [--no-shortcuts]`);
  else if (args.file === undefined) args.file = a;
  else fail(`one scenario file, got a second: ${a}`);
}
if (args.file === undefined) fail("usage: npm run profile -- FILE [--strategy NAME] [--replication K] [--no-shortcuts]");
if (!Number.isInteger(args.replication) || args.replication < 0) fail("--replication needs a whole number >= 0");

const dir = mkdtempSync(join(tmpdir(), "hbsim-profile-"));
let model;
try {
  const dist = (p) => JSON.stringify(join(ROOT, "dist", p));
  await build({
    stdin: {
      contents: [
        `export { parseScenario } from ${dist("scenario/load.js")};`,
        `export { World } from ${dist("model/world.js")};`,
        `export { makePolicy, makeDetector } from ${dist("strategies/index.js")};`,
        `export { EV } from ${dist("model/kinds.js")};`,
        `export { NO_SHORTCUTS } from ${dist("model/shortcuts.js")};`,
        `export { ROUND_NAMES } from ${dist("model/tcp-linux.js")};`,
      ].join("\n"),
      resolveDir: ROOT,
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: join(dir, "model.mjs"),
    logLevel: "warning",
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  model = await import(pathToFileURL(join(dir, "model.mjs")).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let plan;
try {
  plan = model.parseScenario(readFileSync(args.file, "utf8"), args.file);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (args.replication >= plan.replications) fail(`--replication ${args.replication}: the scenario has ${plan.replications}`);
const strategies = plan.strategies.filter((s) => args.strategy === undefined || s.name === args.strategy);
if (strategies.length === 0) fail(`--strategy ${args.strategy}: not in the scenario (${plan.strategies.map((s) => s.name).join(", ")})`);

const kindName = Object.fromEntries(Object.entries(model.EV).map(([name, k]) => [k, name]));
const clientHours = (plan.clients.count * plan.durationUs) / 3.6e9;
const pad = (s, n) => String(s).padStart(n);

for (const s of strategies) {
  const shortcuts = args.shortcuts ? undefined : model.NO_SHORTCUTS;
  const w = new model.World(plan, s, args.replication, model.makePolicy(s), model.makeDetector(s), shortcuts);
  const handlers = w.sim.handlers;
  const count = new Float64Array(handlers.length);
  const ns = new Float64Array(handlers.length);
  for (let k = 0; k < handlers.length; k++) {
    const f = handlers[k];
    if (f === undefined) continue;
    handlers[k] = (subject, data, now) => {
      const t0 = process.hrtime.bigint();
      f(subject, data, now);
      ns[k] += Number(process.hrtime.bigint() - t0);
      count[k]++;
    };
  }
  // over Linux's TCP: what became of the rounds asked to run at once
  const rounds = w.exchanges !== null ? (w.exchanges.roundCounts = new Float64Array(model.ROUND_NAMES.length)) : null;
  const t0 = process.hrtime.bigint();
  w.sim.run(plan.durationUs);
  const totalNs = Number(process.hrtime.bigint() - t0);
  const events = count.reduce((a, b) => a + b, 0);
  const inHandlers = ns.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `\n${s.name}: ${events} events, ${(events / clientHours).toFixed(1)} per client-hour, ${(totalNs / 1e9).toFixed(2)} s timed ` +
      `(handlers ${(inHandlers / 1e9).toFixed(2)} s, loop and queue ${((totalNs - inHandlers) / 1e9).toFixed(2)} s, ${((totalNs - inHandlers) / Math.max(1, events)).toFixed(0)} ns an event)\n`,
  );
  process.stdout.write(`  ${"kind".padEnd(16)}${pad("per client-h", 14)}${pad("events %", 10)}${pad("handler s", 11)}${pad("ns/event", 10)}\n`);
  const kinds = [...count.keys()].filter((k) => count[k] > 0).sort((a, b) => ns[b] - ns[a]);
  for (const k of kinds) {
    process.stdout.write(
      `  ${(kindName[k] ?? `kind ${k}`).padEnd(16)}${pad((count[k] / clientHours).toFixed(2), 14)}${pad(((100 * count[k]) / events).toFixed(1), 10)}` +
        `${pad((ns[k] / 1e9).toFixed(2), 11)}${pad((ns[k] / count[k]).toFixed(0), 10)}\n`,
    );
  }
  if (rounds !== null) {
    const asked = rounds.reduce((a, b) => a + b, 0);
    const share = (n) => `${((100 * n) / Math.max(1, asked)).toFixed(1)}%`;
    const why = [...rounds.keys()].filter((k) => k > 0 && rounds[k] > 0).sort((a, b) => rounds[b] - rounds[a]);
    process.stdout.write(
      `  rounds over TCP asked to run at once: ${asked}, ${share(rounds[0])} at once; the events' way: ` +
        (why.length === 0 ? "none" : why.map((k) => `${model.ROUND_NAMES[k]} ${share(rounds[k])}`).join(", ")) +
        "\n",
    );
  }
}
