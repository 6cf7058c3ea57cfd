// `npm run realcheck`: the simulator against a real Socket.IO v4 server and
// client fleet over Linux loopback TCP, with nftables dropping packets of the
// server's port with probability p both ways. For each p it measures false
// disconnects per connected client-hour on the real stack and predicts them
// with the simulator (each TCP model), and it measures how long the server
// takes to let a silently crashed client go. Root is needed for the
// firewall; nothing here is part of `npm test`.
import { writeFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { nftAvailable, remove } from "./firewall.js";
import { crashLatencies, falseDisconnects } from "./real.js";
import { simulatedCrashLatency, simulatedFalseRate } from "./simulate.js";
import { percentile, rate } from "./stats.js";

const argv = yargs(hideBin(process.argv))
  .scriptName("npm run realcheck --")
  .strict()
  .option("loss", { type: "string", default: "0.1,0.2,0.3", describe: "packet loss probabilities, comma-separated" })
  .option("clients", { type: "number", default: 50 })
  .option("minutes", { type: "number", default: 5, describe: "minutes of loss per p" })
  .option("port", { type: "number", default: 47_111 })
  .option("ping-interval", { type: "number", default: 2000, describe: "ms" })
  .option("ping-timeout", { type: "number", default: 1000, describe: "ms" })
  .option("crash", { type: "number", default: 20, describe: "clients silenced at once for the detection latency (0: skip)" })
  .option("replications", { type: "number", default: 10, describe: "simulator replications per p" })
  .option("tcp-model", { type: "string", describe: 'the simulator\'s TCP model ("simple", "linux"); default: both' })
  .option("json", { type: "string", describe: "also write the raw numbers to this file" })
  .parseSync();

function refuse(message: string): never {
  console.error(`npm run realcheck: ${message}`);
  process.exit(2);
}

if (process.getuid?.() !== 0) refuse("needs root, for its nftables rules: run it as root (sudo npm run realcheck)");
if (!nftAvailable()) refuse("needs nft (nftables): apt-get install nftables");
const losses = argv.loss.split(",").map(Number);
if (losses.some((p) => !(p >= 0 && p < 1))) refuse(`--loss: expected probabilities in [0, 1), found "${argv.loss}"`);
const models = argv["tcp-model"] === undefined ? ["simple", "linux"] : [argv["tcp-model"]];

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    remove();
    process.exit(130);
  });
}

const real = { clients: argv.clients, port: argv.port, pingIntervalMs: argv["ping-interval"], pingTimeoutMs: argv["ping-timeout"] };
const sim = { clients: argv.clients, minutes: argv.minutes, pingIntervalMs: real.pingIntervalMs, pingTimeoutMs: real.pingTimeoutMs, replications: argv.replications, seed: 1 };
const fmt = (r: { rate: number; lo: number; hi: number }) => `${r.rate.toFixed(1)} [${r.lo.toFixed(1)}, ${r.hi.toFixed(1)}]`;

const raw: Record<string, unknown> = { setup: { ...real, minutes: argv.minutes, replications: argv.replications } };
console.log(`false disconnects per connected client-hour, ${argv.clients} clients, ${argv.minutes} min per p, 95% intervals (exact Poisson)`);
console.log(["p", "real", "events", "client-h", ...models.map((m) => `sim ${m}`), "inside"].join(" | "));
const rows: unknown[] = [];
for (const p of losses) {
  const r = await falseDisconnects(real, p, argv.minutes);
  const measured = rate(r.events, r.hours);
  const predicted = models.map((m) => simulatedFalseRate(sim, p, m));
  const inside = predicted.map((q, k) => `${models[k]}: ${q.rate >= measured.lo && q.rate <= measured.hi ? "yes" : "no"}`).join(", ");
  console.log([p, fmt(measured), r.events, r.hours.toFixed(2), ...predicted.map(fmt), inside].join(" | "));
  console.log(`  reasons: ${Object.entries(r.reasons).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`);
  rows.push({ p, real: { ...measured, reasons: r.reasons }, simulated: Object.fromEntries(models.map((m, k) => [m, predicted[k]])) });
}
raw.falseDisconnects = rows;

if (argv.crash > 0) {
  const lat = await crashLatencies(real, argv.crash);
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  console.log(`\ncrash detection on a loss-free loopback, ${lat.length} of ${argv.crash} silenced clients released:`);
  console.log(`  real: mean ${mean.toFixed(3)} s, p50 ${percentile(lat, 0.5).toFixed(3)} s, max ${lat[lat.length - 1]?.toFixed(3)} s`);
  const bound = (real.pingIntervalMs + real.pingTimeoutMs) / 1000;
  console.log(`  closed form: within (${(real.pingTimeoutMs / 1000).toFixed(1)}, ${bound.toFixed(1)}] s, mean ${(real.pingIntervalMs / 2000 + real.pingTimeoutMs / 1000).toFixed(2)} s (a crash uniform over the ping cycle)`);
  const sims: Record<string, unknown> = {};
  for (const m of models) {
    const q = simulatedCrashLatency({ ...sim, minutes: 1 }, 0.5, m);
    sims[m] = q;
    console.log(`  sim ${m}: mean ${q.meanS.toFixed(3)} s, p50 ${q.p50S.toFixed(3)} s, max ${q.maxS.toFixed(3)} s (${q.count} crashes)`);
  }
  raw.crash = { real: lat, simulated: sims };
}
if (argv.json !== undefined) writeFileSync(argv.json, JSON.stringify(raw, null, 2));
