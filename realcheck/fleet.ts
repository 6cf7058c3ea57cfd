// A fleet of real Socket.IO v4 clients in one process, each its own TCP
// connection (websocket transport), reconnecting with the client's default
// settings (reconnectionDelay 1 s, reconnectionDelayMax 5 s,
// randomizationFactor 0.5). It tells the harness each connected client's
// socket id and local port, so that the harness can silence a client with
// a firewall rule on that port (a crashed phone sends nothing, not even a
// FIN), and stops a silenced client from reconnecting.
// argv: port, clients.
import { io, type Socket } from "socket.io-client";
import type { FleetClient, FleetCommand, FleetMessage } from "./protocol.js";

const [port, count] = process.argv.slice(2).map(Number);
const send = (m: FleetMessage) => process.send!(m);
const sockets: Socket[] = [];
for (let k = 0; k < count; k++) {
  sockets.push(io(`http://127.0.0.1:${port}`, { transports: ["websocket"], reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.5 }));
}

/** the local port of a connected client's TCP connection (engine.io-client over the ws library) */
function localPort(s: Socket): number {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ws = (s.io.engine as any)?.transport?.ws;
  return ws?._socket?.localPort ?? -1;
}

process.on("message", (c: FleetCommand) => {
  if (c.kind === "clients") {
    const clients: FleetClient[] = [];
    for (const s of sockets) if (s.connected && s.id !== undefined) clients.push({ id: s.id, port: localPort(s) });
    send({ kind: "connected", clients });
  } else {
    const crashed = new Set(c.ids);
    for (const s of sockets) if (s.id !== undefined && crashed.has(s.id)) s.io.reconnection(false);
  }
});
process.on("disconnect", () => process.exit(0));
