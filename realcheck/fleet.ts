// A fleet of real Socket.IO v4 clients in one process (the harness starts
// one such process per 200 clients, none in the server's process), each
// client its own TCP connection (websocket transport), with the client's
// default reconnection settings written out: reconnectionDelay 1000 ms,
// reconnectionDelayMax 5000 ms, randomizationFactor 0.5 (the k-th wait is
// 1 s x 2^(k-1), jittered by up to +-50%, capped at 5 s), connect timeout
// 20 s, and the engine's own watch: a client that hears no ping for
// pingInterval + pingTimeout gives the connection up ("ping timeout").
//
// It tells the harness each connected client's number, socket id and local
// port, so that the harness can silence a client with a firewall rule on
// that port (a crashed phone sends nothing, not even a FIN), and stops a
// silenced client from reconnecting. It also records what the clients saw:
// their side's disconnect reasons, reconnect attempts and failed connects.
// argv: port, first client number, clients.
import { io, type Socket } from "socket.io-client";
import { RECONNECT, type FleetClient, type FleetCommand, type FleetMessage, type FleetReport } from "./protocol.js";

const [port, first, count] = process.argv.slice(2).map(Number);
const send = (m: FleetMessage) => process.send!(m);
const report: FleetReport = { disconnects: [], reconnectAttempts: [], connectErrors: [] };
const sockets: { client: number; socket: Socket }[] = [];

for (let k = 0; k < count; k++) {
  const client = first + k;
  // forceNew: one Manager (so one engine, one TCP connection) per client,
  // rather than Socket.IO's default of sharing one Manager per URL
  const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], forceNew: true, auth: { client }, ...RECONNECT });
  socket.on("disconnect", (reason) => report.disconnects.push({ client, atMs: Date.now(), reason }));
  socket.on("connect_error", (e) => report.connectErrors.push({ client, atMs: Date.now(), message: e.message }));
  socket.io.on("reconnect_attempt", () => report.reconnectAttempts.push({ client, atMs: Date.now() }));
  sockets.push({ client, socket });
}

/** the local port of a connected client's TCP connection (engine.io-client's websocket transport over the ws library) */
function localPort(s: Socket): number {
  // not public API: engine.io-client keeps its transport, the transport its ws socket, ws its net.Socket
  const ws = (s.io.engine as unknown as { transport?: { ws?: { _socket?: { localPort?: number } } } })?.transport?.ws;
  return ws?._socket?.localPort ?? -1;
}

process.on("message", (c: FleetCommand) => {
  if (c.kind === "clients") {
    const clients: FleetClient[] = [];
    for (const { client, socket } of sockets) {
      if (socket.connected && socket.id !== undefined) clients.push({ client, id: socket.id, port: localPort(socket) });
    }
    send({ kind: "connected", clients });
  } else if (c.kind === "crash") {
    // the firewall has silenced these clients; a crashed phone does not come back either
    const crashed = new Set(c.clients);
    for (const { client, socket } of sockets) if (crashed.has(client)) socket.io.reconnection(false);
  } else {
    send({ kind: "report", report });
  }
});
process.on("disconnect", () => process.exit(0));
