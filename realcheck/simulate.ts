// The simulator's side: the same setup as the real runs, written as a
// scenario into a temporary folder, run with the built CLI (`sim run FILE
// --out DIR --quiet`), and read back from summary.csv and detections.csv.
//
// The scenario, line by line against the real setup:
// - clients: the fleet's size, first connects spread over 1 s (the fleet
//   connects all at once; the real count starts once all are connected);
//   reconnect as the Socket.IO client: 1 s doubling to 5 s, jitter 0.5,
//   connect attempts given up after 20 s;
// - links: Bernoulli loss p each way (the nft rule's independent draw per
//   packet), a constant one-way delay of 30 µs (loopback's wire time is a
//   few µs, ss's minrtt; with --delay-us -1, half the ping-to-pong time
//   the server measured before the loss, the client's turnaround in Node
//   included, since the simulated client answers at once);
// - transport: TCP with Linux's defaults (rtoMin 200 ms, rtoMax 120 s, 15
//   retries); `model` written only when --tcp-model names one, so that
//   without it the simulator's default model runs;
// - strategy: Socket.IO's: the server pings every pingInterval after the
//   PONG to the previous ping (engine.io's timer: "after-answer"), each
//   ping to be answered within pingTimeout (the "answer" detector), the
//   client giving up after pingInterval + pingTimeout without a ping.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { RECONNECT } from "./protocol.js";
import { dispersion, latencies, rate, type Latencies, type Rate } from "./stats.js";

/** the project's own build of the simulator (npm run build) */
export const PROJECT_SIM = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "cli", "sim.mjs");

export interface SimSetup {
  /** the simulator's CLI to run (the project's dist/cli/sim.mjs unless --sim names another build) */
  readonly sim: string;
  readonly clients: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
  readonly replications: number;
  readonly seed: number;
  /** one-way link delay, µs */
  readonly delayUs: number;
  /** the transport's `model` field; undefined: not written (the simulator's default) */
  readonly tcpModel: string | undefined;
}

const ms = (v: number) => `${v}ms`;

export function scenario(s: SimSetup, p: number, minutes: number, crash?: { fraction: number; between: [string, string] }): object {
  const transport: Record<string, unknown> = { kind: "tcp", rtoMin: "200ms", rtoMax: "120s", retries: 15 };
  if (s.tcpModel !== undefined) transport.model = s.tcpModel;
  const clients: Record<string, unknown> = {
    count: s.clients,
    connect: { spread: "1s" },
    reconnect: {
      delay: ms(RECONNECT.reconnectionDelay),
      backoff: 2,
      maxDelay: ms(RECONNECT.reconnectionDelayMax),
      jitter: RECONNECT.randomizationFactor,
      connectTimeout: ms(RECONNECT.timeout),
    },
  };
  if (crash !== undefined) clients.crash = crash;
  return {
    name: `realcheck-${crash === undefined ? "" : "crash-"}p${p}`,
    description: "written by npm run realcheck: the simulator's side of a real Socket.IO run over loopback",
    duration: `${Math.round(minutes * 60_000)}ms`,
    seed: s.seed,
    replications: s.replications,
    clients,
    network: {
      link: {
        delay: { dist: "constant", value: `${Math.max(1, Math.round(s.delayUs))}us` },
        loss: p > 0 ? { model: "bernoulli", p } : { model: "none" },
      },
      transport,
    },
    strategies: [
      {
        name: "socketio",
        initiator: "server",
        interval: ms(s.pingIntervalMs),
        clientTimeout: ms(s.pingIntervalMs + s.pingTimeoutMs),
        schedule: "after-answer",
        detector: { kind: "answer", within: ms(s.pingTimeoutMs) },
      },
    ],
  };
}

type Row = Record<string, string>;

/** runs the scenario, returns summary.csv's and detections.csv's rows */
function run(sim: string, file: object): { summary: Row[]; detections: Row[] } {
  const dir = mkdtempSync(join(tmpdir(), "hbsim-realcheck-"));
  try {
    const path = join(dir, "scenario.json");
    writeFileSync(path, JSON.stringify(file, null, 2));
    const out = join(dir, "out");
    const r = spawnSync(process.execPath, [sim, "run", path, "--out", out, "--quiet"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`sim run failed (exit ${r.status}): ${r.stderr.trim()}`);
    const read = (name: string) => parse(readFileSync(join(out, name), "utf8"), { columns: true }) as Row[];
    return { summary: read("summary.csv"), detections: read("detections.csv") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SimFalse {
  /** server releases of live clients (false_positives) per tracked live client-hour, pooled over the replications */
  readonly releases: Rate;
  /** reconnect attempts (`reconnects`) per tracked live client-hour: every connection end, whoever gave up first */
  readonly reconnects: Rate;
  /** Pearson dispersion of the replications' counts (1 for Poisson) */
  readonly dispersion: number;
  readonly perReplication: { events: number; hours: number; reconnects: number }[];
}

/**
 * The tracked live client-hours of one replication: false_positives_per_client_hour
 * is false_positives over exactly these hours (docs/outputs.md), so with a
 * release they are fp / rate; with none, the clients' hours times
 * query_accuracy (the tracked share; it leaves out each client's first
 * connect, under a second).
 */
function trackedHours(row: Row, clients: number): number {
  const fp = Number(row.false_positives);
  if (fp > 0) return fp / Number(row.false_positives_per_client_hour);
  return (clients * Number(row.duration_s) * Number(row.query_accuracy)) / 3600;
}

export function simulatedFalse(s: SimSetup, p: number, minutes: number): SimFalse {
  const { summary } = run(s.sim, scenario(s, p, minutes));
  const perReplication = summary.map((row) => ({
    events: Number(row.false_positives),
    hours: trackedHours(row, s.clients),
    reconnects: Number(row.reconnects),
  }));
  const sum = (f: (r: (typeof perReplication)[number]) => number) => perReplication.reduce((a, r) => a + f(r), 0);
  const hours = sum((r) => r.hours);
  return {
    releases: rate(sum((r) => r.events), hours),
    reconnects: rate(sum((r) => r.reconnects), hours),
    dispersion: dispersion(perReplication),
    perReplication,
  };
}

/**
 * Silent crashes: half the clients crash, at instants uniform over 40 s
 * (20 ping cycles, so the crash falls uniformly in its ping cycle), on
 * links with loss p; the latencies of every detected crash, pooled.
 */
export function simulatedCrash(s: SimSetup, p: number): Latencies & { undetected: number } {
  const { summary, detections } = run(s.sim, scenario(s, p, 1, { fraction: 0.5, between: ["10s", "50s"] }));
  const values = detections.filter((d) => d.crashed === "true").map((d) => Number(d.latency_s));
  return { ...latencies(values), undetected: summary.reduce((a, r) => a + Number(r.missed), 0) };
}
