// The real Socket.IO v4 server, in a process of its own so that a busy
// client fleet cannot stall its timers (engine.io's ping and pong timers
// are plain setTimeouts: a blocked event loop would look like loss).
// It records every connection it accepts and every disconnect with
// Socket.IO's reason ("ping timeout", "transport close", "transport
// error", ...), and hands the record to the harness on request.
// argv: port, pingInterval ms, pingTimeout ms.
import { createServer } from "node:http";
import { Server } from "socket.io";
import type { ServerCommand, ServerMessage, ServerSocket } from "./protocol.js";

const [port, pingInterval, pingTimeout] = process.argv.slice(2).map(Number);
type Record_ = { client: number; connectedMs: number; disconnectedMs?: number; reason?: string };
const sockets = new Map<string, Record_>();
const send = (m: ServerMessage) => process.send!(m);

const http = createServer();
// websocket only, on both ends: one TCP connection per client for its whole
// life, no long-polling first and no upgrade, so every packet of a client
// is on the connection that the firewall's rules and the simulator's TCP
// model see
const io = new Server(http, { pingInterval, pingTimeout, transports: ["websocket"] });
io.on("connection", (socket) => {
  const client = Number((socket.handshake.auth as { client?: unknown }).client ?? -1);
  const record: Record_ = { client: Number.isInteger(client) ? client : -1, connectedMs: Date.now() };
  sockets.set(socket.id, record);
  socket.on("disconnect", (reason) => {
    record.disconnectedMs = Date.now();
    record.reason = reason;
  });
});

// The round trip as the simulator has it (PING out, PONG in; the simulated
// client answers at once): engine.io's ping leaving the server to its pong
// arriving, the client's turnaround in Node included.
let rttUs: number[] = [];
io.engine.on("connection", (conn: { on(event: string, f: (p: { type: string }) => void): void }) => {
  let sent: bigint | undefined;
  conn.on("packetCreate", (p) => {
    if (p.type === "ping") sent = process.hrtime.bigint();
  });
  conn.on("packet", (p) => {
    if (p.type !== "pong" || sent === undefined) return;
    rttUs.push(Number(process.hrtime.bigint() - sent) / 1000);
    sent = undefined;
  });
});

process.on("message", (c: ServerCommand) => {
  if (c.kind === "rtt") {
    send({ kind: "rtt", samplesUs: rttUs });
    rttUs = [];
    return;
  }
  const list: ServerSocket[] = [];
  for (const [id, r] of sockets) list.push({ id, ...r });
  send({ kind: "sockets", sockets: list });
});
// the harness went away (finished, killed, Ctrl-C): nothing left to serve
process.on("disconnect", () => process.exit(0));

http.on("error", (e) => {
  send({ kind: "failed", message: `cannot listen on 127.0.0.1:${port}: ${e.message}` });
  process.exit(1);
});
http.listen(port, "127.0.0.1", () => send({ kind: "listening" }));
