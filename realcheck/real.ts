// The real side: a Socket.IO server and a client fleet on loopback, the
// firewall between them. One run: start both, wait until every client is
// connected, then apply loss for the given minutes (false disconnects), or
// silence some clients at once (crash detection).
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as firewall from "./firewall.js";
import type { FleetClient, FleetMessage, ServerMessage, ServerSocket } from "./protocol.js";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface RealSetup {
  readonly clients: number;
  readonly port: number;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function next<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { kind: string }) => {
      if (m.kind !== kind) return;
      child.off("message", on);
      resolve(m as T);
    };
    child.on("message", on);
  });
}

class Stage {
  private readonly server: ChildProcess;
  private readonly fleet: ChildProcess;

  private constructor(server: ChildProcess, fleet: ChildProcess) {
    this.server = server;
    this.fleet = fleet;
  }

  static async start(s: RealSetup): Promise<Stage> {
    const server = fork(join(HERE, "server.js"), [String(s.port), String(s.pingIntervalMs), String(s.pingTimeoutMs)]);
    await next<ServerMessage>(server, "listening");
    const fleet = fork(join(HERE, "fleet.js"), [String(s.port), String(s.clients)]);
    const stage = new Stage(server, fleet);
    for (let waited = 0; (await stage.connected()).length < s.clients; waited += 250) {
      if (waited > 60_000) throw new Error(`only some of ${s.clients} clients connected within 60 s`);
      await sleep(250);
    }
    return stage;
  }

  async connected(): Promise<FleetClient[]> {
    const reply = next<FleetMessage>(this.fleet, "connected");
    this.fleet.send({ kind: "clients" });
    return (await reply).clients;
  }

  crash(ids: string[]): void {
    this.fleet.send({ kind: "crash", ids });
  }

  async sockets(): Promise<ServerSocket[]> {
    const reply = next<ServerMessage & { kind: "sockets" }>(this.server, "sockets");
    this.server.send({ kind: "report" });
    return (await reply).sockets;
  }

  stop(): void {
    this.fleet.kill("SIGKILL");
    this.server.kill("SIGKILL");
  }
}

export interface FalseDisconnects {
  readonly events: number;
  readonly hours: number;
  readonly reasons: Record<string, number>;
}

/** loss p on the server's port for `minutes`: every disconnect then is false (nobody crashed) */
export async function falseDisconnects(s: RealSetup, p: number, minutes: number): Promise<FalseDisconnects> {
  const stage = await Stage.start(s);
  try {
    firewall.open();
    firewall.loseOnPort(s.port, p);
    const from = Date.now();
    await sleep(minutes * 60_000);
    const until = Date.now();
    firewall.remove();
    const reasons: Record<string, number> = {};
    let events = 0;
    let ms = 0;
    for (const k of await stage.sockets()) {
      const end = k.disconnectedMs ?? Infinity;
      ms += Math.max(0, Math.min(end, until) - Math.max(k.connectedMs, from));
      if (k.disconnectedMs !== undefined && k.disconnectedMs >= from && k.disconnectedMs < until) {
        events++;
        reasons[k.reason!] = (reasons[k.reason!] ?? 0) + 1;
      }
    }
    return { events, hours: ms / 3_600_000, reasons };
  } finally {
    firewall.remove();
    stage.stop();
  }
}

/** `count` clients fall silent at once: how long until the server lets each go, seconds */
export async function crashLatencies(s: RealSetup, count: number): Promise<number[]> {
  const stage = await Stage.start(s);
  try {
    // let the ping phases spread out before the crash
    await sleep(3 * (s.pingIntervalMs + s.pingTimeoutMs));
    const victims = (await stage.connected()).slice(0, count);
    firewall.open();
    // one at a time, a random pause apart: the clients connected together and ping in step,
    // so each crash must fall at its own point of the ping cycle
    const at: number[] = [];
    for (const v of victims) {
      await sleep(Math.random() * (s.pingIntervalMs + s.pingTimeoutMs));
      firewall.silence([v.port]);
      stage.crash([v.id]);
      at.push(Date.now());
    }
    await sleep(3 * (s.pingIntervalMs + s.pingTimeoutMs) + 2000);
    const byId = new Map((await stage.sockets()).map((k) => [k.id, k]));
    const out: number[] = [];
    victims.forEach((v, n) => {
      const k = byId.get(v.id);
      if (k?.disconnectedMs !== undefined) out.push((k.disconnectedMs - at[n]) / 1000);
    });
    return out.sort((a, b) => a - b);
  } finally {
    firewall.remove();
    stage.stop();
  }
}
