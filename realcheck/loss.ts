// Packet loss and silenced clients on loopback, with nftables: one table of
// our own, easy to remove whole, with a per-port rule for the server's
// connections and another for each silenced client.
//
// A loopback packet passes the output hook once and then the input hook
// once; the rules sit in the input hook only, so each packet gets exactly
// one draw, and at the receiving end: the sender's TCP has sent it and
// cannot know, as over a real lossy link. (A drop in the output hook is
// not loss: the sender's own stack gets the error back, EPERM, keeps a new
// segment unsent and tries again from its zero-window probe timer at RTO,
// 3 RTO, 7 RTO, ..., with no tail loss probe. Measured that way, p = 0.1
// gave 2.4x the false disconnects of loss on the wire, 5.15 against 2.18
// per client-hour.) One rule matches packets from the server's port (sport) and one
// packets to it (dport); a packet matches one of the two, never both, so
// each TCP packet of the server's connections, either way, data or pure ACK
// or SYN or FIN, is dropped with probability p, independently.
//
// The table is named after the port, so that two runs on two ports do not
// touch each other's rules; it is removed on every way out (main.ts).
import { spawnSync } from "node:child_process";

let table: string | undefined;

function nft(...args: string[]): void {
  const r = spawnSync("nft", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`nft ${args.join(" ")}: ${(r.stderr ?? r.error?.message ?? "").trim()}`);
}

/** whether nft runs here (the harness refuses to start without it) */
export function nftAvailable(): boolean {
  return spawnSync("nft", ["--version"], { encoding: "utf8" }).status === 0;
}

export function tableName(port: number): string {
  return `hbsim_realcheck_${port}`;
}

/** our table, fresh (a table left by a killed run on this port is replaced), with an empty input chain */
export function open(port: number): void {
  remove();
  table = tableName(port);
  spawnSync("nft", ["delete", "table", "inet", table], { encoding: "utf8" });
  nft("add", "table", "inet", table);
  nft("add", "chain", "inet", table, "in", "{ type filter hook input priority 0; policy accept; }");
}

/** every TCP packet from or to the server's port dropped with probability p (drawn in millionths) */
export function loseOnPort(port: number, p: number): void {
  if (table === undefined) throw new Error("loss.open() first");
  if (p <= 0) return;
  const below = String(Math.round(p * 1_000_000));
  for (const dir of ["sport", "dport"]) {
    nft("add", "rule", "inet", table, "in", "tcp", dir, String(port), "numgen", "random", "mod", "1000000", "lt", below, "drop");
  }
}

/**
 * every packet of these clients' local ports dropped, both ways: the
 * clients fall silent as a crashed phone does (no FIN, no RESET, nothing).
 * Inserted at the head of the chain, before the loss rules.
 */
export function silence(ports: number[]): void {
  if (table === undefined) throw new Error("loss.open() first");
  if (ports.length === 0) return;
  const set = `{ ${ports.join(", ")} }`;
  for (const dir of ["sport", "dport"]) nft("insert", "rule", "inet", table, "in", "tcp", dir, set, "drop");
}

/** our table gone (safe to call at any time, from an exit handler too: it is synchronous) */
export function remove(): void {
  if (table === undefined) return;
  spawnSync("nft", ["delete", "table", "inet", table], { encoding: "utf8" });
  table = undefined;
}
