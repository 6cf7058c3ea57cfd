// `npm run realcheck`: the simulator against a real Socket.IO v4 server and
// client fleet over Linux loopback TCP. nftables drops each packet of the
// server's port with probability p, both ways. For each p it counts false
// disconnects per connected client-hour on the real stack and runs the
// same setup through the simulator; then it silences clients (a crash: no
// FIN, nothing) and times how long the server takes to let each go, next
// to the closed form and the simulator. Root is needed for the firewall;
// nothing here is part of `npm test`. See docs/validation.md.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { release } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import * as loss from "./loss.js";
import { crashLatencies, falseDisconnects, killChildren, type FalseDisconnects } from "./measure.js";
import { RECONNECT } from "./protocol.js";
import { PROJECT_SIM, simulatedCrash, simulatedFalse, type SimFalse, type SimSetup } from "./simulate.js";
import { latencies, rate } from "./stats.js";
import { inside, LATENCY_HEADER, latencyRow, rateCell, ratioCell, reasonsCell, table, widthCell } from "./table.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * The simulated one-way delay, µs: loopback's, about (the kernel's minrtt
 * there is a few µs; the measured ping-to-pong time, printed beside it,
 * adds the client's turnaround in Node, under a ms). Either is nothing next
 * to a 200 ms RTO and a 1 s pingTimeout.
 */
const DEFAULT_DELAY_US = 30;

function refuse(message: string): never {
  console.error(`npm run realcheck: ${message}`);
  process.exit(2);
}

const list = (s: string) => s.split(",").map((x) => x.trim()).filter((x) => x !== "");

const argv = yargs(hideBin(process.argv))
  .scriptName("npm run realcheck --")
  .usage("$0 [options]\n\nA real Socket.IO v4 server and client fleet on loopback, nftables loss, next to the simulator. Needs root and nft.")
  .strict()
  .option("loss", { type: "string", default: "0.1,0.2,0.3", describe: "packet loss probabilities, each way, comma-separated" })
  .option("clients", { type: "number", default: 50, describe: "clients in the fleet" })
  .option("minutes", { type: "string", default: "5", describe: "minutes of loss per p: one value, or one per --loss value" })
  .option("port", { type: "number", default: 47_111, describe: "the server's port on 127.0.0.1 (the nft table is named after it)" })
  .option("ping-interval", { type: "number", default: 2000, describe: "Socket.IO pingInterval, ms" })
  .option("ping-timeout", { type: "number", default: 1000, describe: "Socket.IO pingTimeout, ms" })
  .option("crash", { type: "number", default: 20, describe: "clients silenced for the crash-detection latency (0: skip)" })
  .option("crash-loss", { type: "number", default: 0, describe: "loss p during the crash phase" })
  .option("replications", { type: "number", default: 10, describe: "simulator replications per p" })
  .option("seed", { type: "number", default: 1, describe: "the simulator's seed" })
  .option("tcp-model", { type: "string", describe: "the simulator's TCP model, written as the transport's \"model\" (comma-separated: one column each); default: not written, the simulator's default" })
  .option("delay-us", { type: "number", describe: "the simulator's one-way delay, µs (default 30; -1: half the ping-to-pong time measured before the loss)" })
  .option("sim", { type: "string", describe: "the simulator's CLI to run (default: this project's build, dist/cli/sim.mjs)" })
  .option("json", { type: "string", describe: "also write every raw number to this file" })
  .fail((msg, err) => refuse(msg ?? err?.message ?? "bad arguments"))
  .parseSync();

// ---- checks: the run needs root and nft, and sane flags; it installs nothing
if (process.getuid?.() !== 0) refuse("needs root (nftables rules): run it as root, e.g. sudo npm run realcheck");
if (!loss.nftAvailable()) refuse("needs nft (nftables): apt-get install nftables");
const sim = resolve(argv.sim ?? PROJECT_SIM);
if (!existsSync(sim)) refuse(`needs the built simulator (${argv.sim ?? "dist/cli/sim.mjs"}): npm run build`);
const losses = list(argv.loss).map(Number);
if (losses.length === 0 || losses.some((p) => !(p >= 0 && p < 1))) refuse(`--loss: expected probabilities in [0, 1), got "${argv.loss}"`);
const minutesList = list(argv.minutes).map(Number);
if (minutesList.some((m) => !(m > 0)) || (minutesList.length !== 1 && minutesList.length !== losses.length)) {
  refuse(`--minutes: expected one duration > 0 or one per --loss value (${losses.length}), got "${argv.minutes}"`);
}
const minutesOf = (k: number) => minutesList[minutesList.length === 1 ? 0 : k];
if (!(Number.isInteger(argv.clients) && argv.clients >= 1)) refuse(`--clients: expected a whole number >= 1, got ${argv.clients}`);
if (!(Number.isInteger(argv.port) && argv.port >= 1 && argv.port <= 65_535)) refuse(`--port: expected 1 ... 65535, got ${argv.port}`);
if (!(argv["ping-interval"] > 0 && argv["ping-timeout"] > 0)) refuse("--ping-interval and --ping-timeout: expected ms > 0");
if (!(Number.isInteger(argv.crash) && argv.crash >= 0 && argv.crash <= argv.clients)) refuse(`--crash: expected 0 ... --clients, got ${argv.crash}`);
if (!(argv["crash-loss"] >= 0 && argv["crash-loss"] < 1)) refuse(`--crash-loss: expected a probability in [0, 1), got ${argv["crash-loss"]}`);
if (!(Number.isInteger(argv.replications) && argv.replications >= 1)) refuse(`--replications: expected a whole number >= 1, got ${argv.replications}`);
const models: (string | undefined)[] = argv["tcp-model"] === undefined ? [undefined] : list(argv["tcp-model"]);
const modelName = (m: string | undefined) => m ?? "default";

// ---- the nft table goes on every way out: normal end, error, Ctrl-C, kill
process.on("exit", () => {
  loss.remove();
  killChildren();
});
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.on(signal, () => {
    console.error(`\nnpm run realcheck: ${signal}: firewall rules removed, stopped`);
    process.exit(code);
  });
}

const version = (pkg: string) => {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
};
const nftVersion = spawnSync("nft", ["--version"], { encoding: "utf8" }).stdout.trim();
const real = { clients: argv.clients, port: argv.port, pingIntervalMs: argv["ping-interval"], pingTimeoutMs: argv["ping-timeout"] };
const I = real.pingIntervalMs;
const W = real.pingTimeoutMs;
const simSetup = (delayUs: number, tcpModel: string | undefined): SimSetup => ({
  sim,
  clients: argv.clients,
  pingIntervalMs: I,
  pingTimeoutMs: W,
  replications: argv.replications,
  seed: argv.seed,
  delayUs,
  tcpModel,
});

/** the simulated one-way delay, µs, given the ping-to-pong time measured (if any) */
function delayFor(pingRttUs: number | undefined): number {
  const flag = argv["delay-us"];
  if (flag === undefined) return DEFAULT_DELAY_US;
  return flag >= 0 ? flag : (pingRttUs ?? 2 * DEFAULT_DELAY_US) / 2;
}

async function main(): Promise<void> {
  const env = {
    date: new Date().toISOString(),
    kernel: release(),
    node: process.version,
    socketIo: version("socket.io"),
    engineIo: version("engine.io"),
    socketIoClient: version("socket.io-client"),
    engineIoClient: version("engine.io-client"),
    nft: nftVersion,
  };
  const totalMin = losses.reduce((a, _, k) => a + minutesOf(k), 0);
  console.log(
    `Real: Socket.IO ${env.socketIo} (engine.io ${env.engineIo}) server and ${argv.clients} socket.io-client ${env.socketIoClient} clients, websocket only, on 127.0.0.1:${argv.port}, Linux ${env.kernel}, Node ${env.node}`,
  );
  console.log(
    `  pingInterval ${I} ms, pingTimeout ${W} ms; reconnect ${RECONNECT.reconnectionDelay}-${RECONNECT.reconnectionDelayMax} ms, jitter ${RECONNECT.randomizationFactor}, connect timeout ${RECONNECT.timeout} ms`,
  );
  console.log(`  loss: nft drops each TCP packet from or to port ${argv.port} with probability p at the receiving end (input hook; ${env.nft}); ${totalMin} min of loss in all`);
  console.log(`Simulator: ${sim === PROJECT_SIM ? "sim run" : `${sim} run`}, ${argv.replications} replications, TCP model ${models.map(modelName).join(", ")}, same clients and minutes\n`);

  // ---- false disconnects, one p at a time: the real run, then the simulator's
  const rows: { real: FalseDisconnects; sims: SimFalse[]; delayUs: number }[] = [];
  for (const [k, p] of losses.entries()) {
    const r = await falseDisconnects(real, p, minutesOf(k));
    const delayUs = delayFor(r.pingRttUs);
    const sims = models.map((m) => simulatedFalse(simSetup(delayUs, m), p, minutesOf(k)));
    rows.push({ real: r, sims, delayUs });
  }

  console.log(
    "False disconnects per connected client-hour, 95% exact Poisson intervals: real, the server's disconnects of live clients (every reason); " +
      "sim, the connections of live clients that ended (the server's releases and the clients' own give-ups: its reconnects)",
  );
  console.log(
    table(
      ["p", "min", "real", "events", "client-h", "±", ...models.flatMap((m) => [`sim ${modelName(m)}`, "events", "sim/real", "sim in real CI?"])],
      rows.map(({ real: r, sims }) => {
        const measured = rate(r.events, r.hours);
        return [
          String(r.p),
          String(r.minutes),
          rateCell(measured),
          String(r.events),
          r.hours.toFixed(2),
          widthCell(measured),
          ...sims.flatMap((s) => [rateCell(s.reconnects), String(s.reconnects.events), ratioCell(measured, s.reconnects), inside(measured, s.reconnects)]),
        ];
      }),
    ),
  );
  console.log("\nWho gave up first, per connected client-hour: the server (its pingTimeout: reason \"ping timeout\") or the client (no ping for pingInterval + pingTimeout: the server sees \"transport close\"). The simulator counts only the server's releases as false positives; a client that gives up and reconnects first replaces its connection without one. Reconnect attempts count every connection end, either way.");
  console.log(
    table(
      ["p", "real: server gave up", "real: client gave up", ...models.map((m) => `sim ${modelName(m)}: releases`), "real reconnects", ...models.map((m) => `sim ${modelName(m)}: reconnects`)],
      rows.map(({ real: r, sims }) => {
        const ping = r.reasons["ping timeout"] ?? 0;
        return [
          String(r.p),
          rateCell(rate(ping, r.hours)),
          rateCell(rate(r.events - ping, r.hours)),
          ...sims.map((s) => rateCell(s.releases)),
          rateCell(rate(r.reconnectAttempts, r.hours)),
          ...sims.map((s) => rateCell(s.reconnects)),
        ];
      }),
    ),
  );
  console.log("");
  for (const { real: r, sims, delayUs } of rows) {
    console.log(`p=${r.p}: server's reasons: ${reasonsCell(r.reasons)}; clients' reasons: ${reasonsCell(r.clientReasons)}; failed connects ${r.connectErrors}`);
    console.log(`  disconnects per minute of loss: ${r.perMinute.join(" ")}`);
    console.log(
      `  dispersion φ of the per-client counts ${r.dispersion.toFixed(2)} (${r.perClient.length} clients; 1 for Poisson); of the simulator's per-replication counts ${sims.map((s) => s.dispersion.toFixed(2)).join(", ")}; ping-to-pong ${r.pingRttUs?.toFixed(0) ?? "?"} µs (kernel minrtt ${r.kernelMinRttUs?.toFixed(0) ?? "?"} µs), simulated one-way delay ${delayUs.toFixed(0)} µs`,
    );
  }

  // ---- crash detection
  let crash: unknown;
  if (argv.crash > 0) {
    const c = await crashLatencies(real, argv.crash, argv["crash-loss"]);
    const delayUs = rows.at(-1)?.delayUs ?? delayFor(undefined);
    const sims = models.map((m) => simulatedCrash(simSetup(delayUs, m), argv["crash-loss"]));
    const measured = latencies(c.latencies);
    const outside = c.latencies.filter((l) => !(l > W / 1000 && l <= (I + W) / 1000)).length;
    console.log(`\nCrash detection: ${argv.crash} clients silenced one at a time (nft drops every packet of the client's port: no FIN), loss ${argv["crash-loss"]}; seconds from the silencing to the server's disconnect`);
    console.log(
      table(LATENCY_HEADER, [
        latencyRow("real", measured, `reasons: ${reasonsCell(c.reasons)}; undetected ${c.undetected}; outside (W, I+W]: ${outside}`),
        ["closed form", "", (W / 1000).toFixed(3), (W / 1000 + I / 2000).toFixed(3), (W / 1000 + I / 2000).toFixed(3), (W / 1000 + 0.9 * (I / 1000)).toFixed(3), ((I + W) / 1000).toFixed(3), "loss-free, crash uniform over the ping cycle: latency uniform on (W, I + W]"],
        ...sims.map((s, k) => latencyRow(`sim ${modelName(models[k])}`, s, `undetected ${s.undetected}`)),
      ]),
    );
    crash = { victims: argv.crash, loss: argv["crash-loss"], real: { ...c, summary: measured }, simulated: Object.fromEntries(sims.map((s, k) => [modelName(models[k]), s])) };
  }

  if (argv.json !== undefined) {
    const raw = {
      env,
      setup: { ...real, sim, losses, minutes: losses.map((_, k) => minutesOf(k)), replications: argv.replications, seed: argv.seed, tcpModels: models.map(modelName), reconnect: RECONNECT },
      falseDisconnects: rows.map(({ real: r, sims, delayUs }) => ({
        p: r.p,
        real: { ...r, rate: rate(r.events, r.hours) },
        simulated: Object.fromEntries(sims.map((s, k) => [modelName(models[k]), { ...s, delayUs }])),
      })),
      crash,
    };
    writeFileSync(argv.json, JSON.stringify(raw, null, 2) + "\n");
    console.log(`\nraw numbers: ${argv.json}`);
  }
}

try {
  await main();
} catch (e) {
  console.error(`npm run realcheck: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
