// Packet loss and silenced clients on loopback, with nftables (tc netem does
// not work on loopback here). One table of our own, removed on every way out.
// Loopback packets pass the output hook once, so one rule per direction in
// that hook drops each packet with probability p exactly once.
import { spawnSync } from "node:child_process";

const TABLE = "hbsim_realcheck";

function nft(...args: string[]): void {
  const r = spawnSync("nft", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`nft ${args.join(" ")}: ${r.stderr.trim()}`);
}

/** whether nft runs here (the harness refuses to start without it) */
export function nftAvailable(): boolean {
  return spawnSync("nft", ["--version"], { encoding: "utf8" }).status === 0;
}

export function open(): void {
  remove();
  nft("add", "table", "inet", TABLE);
  nft("add", "chain", "inet", TABLE, "out", "{ type filter hook output priority 0; policy accept; }");
}

/** every TCP packet to or from the server's port dropped with probability p */
export function loseOnPort(port: number, p: number): void {
  if (p <= 0) return;
  const below = String(Math.round(p * 1_000_000));
  for (const dir of ["sport", "dport"]) nft("add", "rule", "inet", TABLE, "out", "tcp", dir, String(port), "numgen", "random", "mod", "1000000", "lt", below, "drop");
}

/** every packet of these client ports dropped: the clients fall silent, FIN and all */
export function silence(ports: number[]): void {
  if (ports.length === 0) return;
  const set = `{ ${ports.join(", ")} }`;
  for (const dir of ["sport", "dport"]) nft("add", "rule", "inet", TABLE, "out", "tcp", dir, set, "drop");
}

export function remove(): void {
  spawnSync("nft", ["delete", "table", "inet", TABLE], { encoding: "utf8" });
}
