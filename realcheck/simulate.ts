// The simulator's side: the same setup as the real runs, written as a
// scenario and run with `sim run` (the built CLI), then read back from
// summary.csv. Loopback has no loss or delay to speak of but what the
// firewall adds, so the links are Bernoulli p both ways with a constant
// 30 µs one-way delay (loopback's, about), and the strategy is Socket.IO's:
// the server pings, each ping answered within pingTimeout, the next ping
// pingInterval after the answer (engine.io), the client giving up after
// pingInterval + pingTimeout without a ping, reconnecting as the fleet does.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { rate, type Rate } from "./stats.js";

const SIM = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "cli", "sim.mjs");

export interface Setup {
  readonly clients: number;
  readonly minutes: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
  readonly replications: number;
  readonly seed: number;
}

function scenario(s: Setup, p: number, tcpModel: string | undefined, crash: number): object {
  const transport: Record<string, unknown> = { kind: "tcp" };
  if (tcpModel !== undefined) transport.model = tcpModel;
  const clients: Record<string, unknown> = {
    count: s.clients,
    connect: { spread: "1s" },
    reconnect: { delay: "1s", maxDelay: "5s", backoff: 2, jitter: 0.5, connectTimeout: "20s" },
  };
  if (crash > 0) clients.crash = { fraction: crash, between: ["10s", "11s"] };
  return {
    name: `realcheck-p${p}`,
    duration: `${s.minutes}m`,
    seed: s.seed,
    replications: s.replications,
    clients,
    network: { link: { delay: { dist: "constant", value: "30us" }, loss: { model: "bernoulli", p } }, transport },
    strategies: [
      {
        name: "socketio",
        initiator: "server",
        interval: `${s.pingIntervalMs}ms`,
        timeout: `${s.pingIntervalMs + s.pingTimeoutMs}ms`,
        clientTimeout: `${s.pingIntervalMs + s.pingTimeoutMs}ms`,
        schedule: "after-answer",
        detector: { kind: "answer", within: `${s.pingTimeoutMs}ms` },
      },
    ],
  };
}

type Row = Record<string, string>;

function run(s: Setup, p: number, tcpModel: string | undefined, crash: number): Row[] {
  const dir = mkdtempSync(join(tmpdir(), "hbsim-realcheck-"));
  try {
    const file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario(s, p, tcpModel, crash), null, 2));
    const r = spawnSync(process.execPath, [SIM, "run", file, "--out", join(dir, "out"), "--quiet"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`sim run failed (${r.status}): ${r.stderr.trim()}`);
    return parse(readFileSync(join(dir, "out", "summary.csv"), "utf8"), { columns: true }) as Row[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** false disconnects per connected (tracked, live) client-hour, pooled over the replications */
export function simulatedFalseRate(s: Setup, p: number, tcpModel: string | undefined): Rate {
  let events = 0;
  let hours = 0;
  for (const row of run(s, p, tcpModel, 0)) {
    const fp = Number(row.false_positives);
    const perHour = Number(row.false_positives_per_client_hour);
    events += fp;
    // tracked live hours: fp / rate; with no false disconnects, the clients' hours times the share tracked
    hours += fp > 0 ? fp / perHour : (s.clients * s.minutes * Number(row.query_accuracy)) / 6000;
  }
  return rate(events, hours);
}

export interface Latency {
  readonly count: number;
  readonly meanS: number;
  readonly p50S: number;
  readonly maxS: number;
}

/** detection latency of silent crashes on a loss-free link: mean of the replications' means, p50 of their p50s, max */
export function simulatedCrashLatency(s: Setup, share: number, tcpModel: string | undefined): Latency {
  const rows = run(s, 0, tcpModel, share);
  const mean = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0) / rows.length;
  return {
    count: rows.reduce((a, r) => a + Number(r.detected), 0),
    meanS: mean("detection_latency_mean_s"),
    p50S: mean("detection_latency_p50_s"),
    maxS: Math.max(...rows.map((r) => Number(r.detection_latency_max_s))),
  };
}
