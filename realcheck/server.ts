// The real Socket.IO v4 server, in a process of its own so that a busy
// client fleet cannot stall its timers. It records every connection it
// accepts and every disconnect with Socket.IO's reason ("ping timeout",
// "transport close", ...), and hands the record to the harness on request.
// argv: port, pingInterval ms, pingTimeout ms.
import { Server } from "socket.io";
import type { ServerCommand, ServerMessage, ServerSocket } from "./protocol.js";

const [port, pingInterval, pingTimeout] = process.argv.slice(2).map(Number);
const sockets = new Map<string, { connectedMs: number; disconnectedMs?: number; reason?: string }>();
const send = (m: ServerMessage) => process.send!(m);

// one TCP connection per client: websocket only, no long-polling upgrade
const io = new Server(port, { pingInterval, pingTimeout, transports: ["websocket"] });
io.on("connection", (socket) => {
  const record: { connectedMs: number; disconnectedMs?: number; reason?: string } = { connectedMs: Date.now() };
  sockets.set(socket.id, record);
  socket.on("disconnect", (reason) => {
    record.disconnectedMs = Date.now();
    record.reason = reason;
  });
});

process.on("message", (c: ServerCommand) => {
  if (c.kind !== "report") return;
  const list: ServerSocket[] = [];
  for (const [id, r] of sockets) list.push({ id, ...r });
  send({ kind: "sockets", sockets: list });
});
process.on("disconnect", () => {
  io.close();
  process.exit(0);
});
send({ kind: "listening" });
