// The real side: a Socket.IO server and client fleets on loopback, the
// firewall (loss.ts) between them. Each measurement starts a fresh stage
// (server and fleets), waits until every client is connected, and then
// either applies loss p for a while and counts the server's disconnects
// (no client crashes, so every one is false), or silences clients one at a
// time and times how long the server takes to let each go.
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as loss from "./loss.js";
import type { FleetClient, FleetMessage, FleetReport, ServerMessage, ServerSocket } from "./protocol.js";
import { dispersion, median } from "./stats.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** clients per fleet process: a few hundred idle websockets are nothing for one event loop */
const PER_FLEET = 200;

export interface RealSetup {
  readonly clients: number;
  readonly port: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** every child process alive, so that an exit handler can end them */
const children = new Set<ChildProcess>();
export function killChildren(): void {
  for (const c of children) c.kill("SIGKILL");
}

function start(file: string, args: number[]): ChildProcess {
  const child = fork(join(HERE, file), args.map(String), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function next<T extends { kind: string }>(child: ChildProcess, kinds: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: T) => {
      if (!kinds.includes(m.kind)) return;
      done();
      resolve(m);
    };
    const exit = (code: number | null) => {
      done();
      reject(new Error(`${child.spawnargs.join(" ")} exited (${code}) before answering`));
    };
    const done = () => {
      child.off("message", on);
      child.off("exit", exit);
    };
    child.on("message", on);
    child.on("exit", exit);
  });
}

class Stage {
  private constructor(
    private readonly server: ChildProcess,
    private readonly fleets: ChildProcess[],
  ) {}

  static async start(s: RealSetup): Promise<Stage> {
    const server = start("server.js", [s.port, s.pingIntervalMs, s.pingTimeoutMs]);
    const up = await next<ServerMessage>(server, ["listening", "failed"]);
    if (up.kind === "failed") throw new Error(up.message);
    const fleets: ChildProcess[] = [];
    for (let first = 0; first < s.clients; first += PER_FLEET) {
      fleets.push(start("fleet.js", [s.port, first, Math.min(PER_FLEET, s.clients - first)]));
    }
    const stage = new Stage(server, fleets);
    for (let waited = 0; (await stage.connected()).length < s.clients; waited += 250) {
      if (waited > 60_000) throw new Error(`only ${(await stage.connected()).length} of ${s.clients} clients connected within 60 s`);
      await sleep(250);
    }
    return stage;
  }

  async connected(): Promise<FleetClient[]> {
    const replies = this.fleets.map((f) => {
      const reply = next<FleetMessage & { kind: "connected" }>(f, ["connected"]);
      f.send({ kind: "clients" });
      return reply;
    });
    return (await Promise.all(replies)).flatMap((r) => r.clients);
  }

  crash(client: number): void {
    this.fleets[Math.floor(client / PER_FLEET)].send({ kind: "crash", clients: [client] });
  }

  async sockets(): Promise<ServerSocket[]> {
    const reply = next<ServerMessage & { kind: "sockets" }>(this.server, ["sockets"]);
    this.server.send({ kind: "report" });
    return (await reply).sockets;
  }

  /** the median ping-to-pong time since the last call, µs (undefined without samples) */
  async rttUs(): Promise<number | undefined> {
    const reply = next<ServerMessage & { kind: "rtt" }>(this.server, ["rtt"]);
    this.server.send({ kind: "rtt" });
    return median((await reply).samplesUs);
  }

  async fleetReport(): Promise<FleetReport> {
    const replies = this.fleets.map((f) => {
      const reply = next<FleetMessage & { kind: "report" }>(f, ["report"]);
      f.send({ kind: "report" });
      return reply;
    });
    const all = (await Promise.all(replies)).map((r) => r.report);
    return {
      disconnects: all.flatMap((r) => r.disconnects),
      reconnectAttempts: all.flatMap((r) => r.reconnectAttempts),
      connectErrors: all.flatMap((r) => r.connectErrors),
    };
  }

  /** both ends gone, and the port free again for the next stage */
  async stop(): Promise<void> {
    const all = [...this.fleets, this.server].filter((c) => c.exitCode === null && c.signalCode === null);
    const gone = all.map((c) => new Promise((r) => c.once("exit", r)));
    for (const c of all) c.kill("SIGKILL");
    await Promise.all(gone);
  }
}

/**
 * The kernel's smallest RTT sample on the stage's connections (`ss -ti`'s
 * minrtt, median over the connections), µs; undefined if ss is not there.
 * For the record only: loopback's wire time, a few µs. (The smoothed rtt
 * beside it is ms at first: its early samples timed the handshake's
 * processing in Node, and it forgets them slowly.)
 */
function kernelMinRttUs(port: number): number | undefined {
  const r = spawnSync("ss", ["-tinH", "state", "established", `( sport = :${port} )`], { encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return median([...r.stdout.matchAll(/\bminrtt:([\d.]+)/g)].map((m) => Number(m[1]) * 1000));
}

export interface FalseDisconnects {
  readonly p: number;
  readonly minutes: number;
  /** server-side disconnects of live clients while the loss was on: all false */
  readonly events: number;
  /** connected client-hours: the server's connected intervals, clipped to the loss window */
  readonly hours: number;
  /** the server's reasons ("ping timeout": its detector; "transport close": the client closed first) */
  readonly reasons: Record<string, number>;
  /** the clients' reasons ("ping timeout": the client gave up first; "transport close": the server closed) */
  readonly clientReasons: Record<string, number>;
  readonly reconnectAttempts: number;
  readonly connectErrors: number;
  /** Pearson dispersion of the per-client counts (1 for Poisson) */
  readonly dispersion: number;
  readonly perClient: { client: number; events: number; hours: number }[];
  /** events in each minute of the loss window: a rate that climbs over the first minutes shows TCP's RTO warming up */
  readonly perMinute: number[];
  /** median ping-to-pong time before the loss, µs: the simulator's round trip 2d */
  readonly pingRttUs?: number;
  /** the kernel's minrtt (median over connections) before the loss, µs */
  readonly kernelMinRttUs?: number;
}

const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/** loss p on the server's port for `minutes`: every disconnect then is false (nobody crashed) */
export async function falseDisconnects(s: RealSetup, p: number, minutes: number): Promise<FalseDisconnects> {
  const stage = await Stage.start(s);
  try {
    // a few loss-free ping rounds first, to time the round trip
    await stage.rttUs();
    await sleep(2 * (s.pingIntervalMs + s.pingTimeoutMs));
    const pingRtt = await stage.rttUs();
    const minRtt = kernelMinRttUs(s.port);
    loss.open(s.port);
    loss.loseOnPort(s.port, p);
    const from = Date.now();
    log(`p=${p}: ${s.clients} clients connected, loss on for ${minutes} min`);
    const until = from + minutes * 60_000;
    for (let t = Date.now(); t < until; t = Date.now()) {
      await sleep(Math.min(60_000, until - t));
      if (Date.now() < until - 1000) {
        const sofar = (await stage.sockets()).filter((k) => k.disconnectedMs !== undefined && k.disconnectedMs >= from).length;
        log(`p=${p}: ${((Date.now() - from) / 60_000).toFixed(0)}/${minutes} min, ${sofar} disconnects so far`);
      }
    }
    loss.remove();
    const sockets = await stage.sockets();
    const seen = await stage.fleetReport();

    const reasons: Record<string, number> = {};
    const perMinute = new Array<number>(Math.ceil(minutes)).fill(0);
    const perClient = new Map<number, { client: number; events: number; hours: number }>();
    let events = 0;
    let ms = 0;
    for (const k of sockets) {
      const end = k.disconnectedMs ?? Infinity;
      const lived = Math.max(0, Math.min(end, until) - Math.max(k.connectedMs, from));
      const fell = k.disconnectedMs !== undefined && k.disconnectedMs >= from && k.disconnectedMs < until;
      ms += lived;
      const c = perClient.get(k.client) ?? { client: k.client, events: 0, hours: 0 };
      c.hours += lived / 3_600_000;
      if (fell) {
        events++;
        c.events++;
        perMinute[Math.floor((k.disconnectedMs! - from) / 60_000)]++;
        count(reasons, k.reason ?? "?");
      }
      perClient.set(k.client, c);
    }
    const inWindow = (t: number) => t >= from && t < until;
    const clientReasons: Record<string, number> = {};
    for (const d of seen.disconnects) if (inWindow(d.atMs)) count(clientReasons, d.reason);
    const clients = [...perClient.values()].sort((a, b) => a.client - b.client);
    log(`p=${p}: ${events} disconnects in ${(ms / 3_600_000).toFixed(2)} connected client-hours`);
    return {
      p,
      minutes,
      events,
      hours: ms / 3_600_000,
      reasons,
      clientReasons,
      reconnectAttempts: seen.reconnectAttempts.filter((a) => inWindow(a.atMs)).length,
      connectErrors: seen.connectErrors.filter((e) => inWindow(e.atMs)).length,
      dispersion: dispersion(clients),
      perClient: clients,
      perMinute,
      ...(pingRtt === undefined ? {} : { pingRttUs: pingRtt }),
      ...(minRtt === undefined ? {} : { kernelMinRttUs: minRtt }),
    };
  } finally {
    loss.remove();
    await stage.stop();
  }
}

export interface CrashRun {
  /** seconds from each silencing until the server let that client go */
  readonly latencies: number[];
  /** the server's reasons for those disconnects */
  readonly reasons: Record<string, number>;
  /** silenced clients the server still held at the end */
  readonly undetected: number;
}

/**
 * `victims` clients fall silent one at a time, a random pause apart: how
 * long until the server lets each go. The clients connected together and
 * would ping in step, so each crash must fall at its own point of its ping
 * cycle: the pauses are uniform over a cycle, and the phase of each crash
 * is then about uniform too.
 */
export async function crashLatencies(s: RealSetup, victims: number, p: number): Promise<CrashRun> {
  const stage = await Stage.start(s);
  try {
    const cycle = s.pingIntervalMs + s.pingTimeoutMs;
    await sleep(2 * cycle);
    loss.open(s.port);
    loss.loseOnPort(s.port, p);
    log(`crash: silencing ${victims} of ${s.clients} clients one at a time (loss ${p})`);
    const crashed = new Map<string, { client: number; atMs: number }>();
    const taken = new Set<number>();
    while (crashed.size < victims) {
      await sleep(Math.random() * cycle);
      const candidates = (await stage.connected()).filter((c) => !taken.has(c.client) && c.port > 0);
      if (candidates.length === 0) break;
      const v = candidates[Math.floor(Math.random() * candidates.length)];
      // the crash instant: between the two clock reads around nft, whose rule
      // takes effect somewhere in between (a few ms)
      const before = Date.now();
      loss.silence([v.port]);
      const after = Date.now();
      stage.crash(v.client);
      taken.add(v.client);
      crashed.set(v.id, { client: v.client, atMs: (before + after) / 2 });
    }
    // every detection is due within a cycle (more under loss: retransmissions)
    await sleep(2 * cycle + 2000 + (p > 0 ? 10_000 : 0));
    const byId = new Map((await stage.sockets()).map((k) => [k.id, k]));
    const latencies: number[] = [];
    const reasons: Record<string, number> = {};
    let undetected = 0;
    for (const [id, v] of crashed) {
      const k = byId.get(id);
      // let go before its crash (a false disconnect under loss): no latency to tell
      if (k?.disconnectedMs !== undefined && k.disconnectedMs < v.atMs) continue;
      if (k?.disconnectedMs === undefined) undetected++;
      else {
        latencies.push((k.disconnectedMs - v.atMs) / 1000);
        count(reasons, k.reason ?? "?");
      }
    }
    log(`crash: ${latencies.length} of ${crashed.size} released`);
    return { latencies: latencies.sort((a, b) => a - b), reasons, undetected };
  } finally {
    loss.remove();
    await stage.stop();
  }
}
