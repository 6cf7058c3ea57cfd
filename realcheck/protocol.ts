// The messages the harness and its two child processes (the Socket.IO
// server, the client fleet) exchange over Node's IPC channel. Times are the
// machine's wall clock in ms, read in each process (one machine, one clock).

/** one server-side connection of a client's socket */
export interface ServerSocket {
  readonly id: string;
  readonly connectedMs: number;
  /** when and why the server let it go; absent while connected */
  readonly disconnectedMs?: number;
  readonly reason?: string;
}

export type ServerMessage = { kind: "listening" } | { kind: "sockets"; sockets: ServerSocket[] };
export type ServerCommand = { kind: "report" };

/** a connected client of the fleet: its socket id (the server's too) and its local TCP port */
export interface FleetClient {
  readonly id: string;
  readonly port: number;
}

export type FleetMessage = { kind: "connected"; clients: FleetClient[] };
export type FleetCommand = { kind: "clients" } | { kind: "crash"; ids: string[] };
