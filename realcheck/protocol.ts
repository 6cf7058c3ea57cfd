// The messages the harness and its child processes (the Socket.IO server,
// the client fleets) exchange over Node's IPC channel. Times are the
// machine's wall clock in ms (Date.now()), read in each process: one
// machine, one clock, so a time taken in the harness and one taken in the
// server can be subtracted.

/** one server-side Socket.IO socket (one connection of one client) */
export interface ServerSocket {
  readonly id: string;
  /** the fleet's number for the client (sent in the handshake's auth), -1 if absent */
  readonly client: number;
  readonly connectedMs: number;
  /** when and why the server let it go; absent while connected */
  readonly disconnectedMs?: number;
  readonly reason?: string;
}

export type ServerMessage =
  | { kind: "listening" }
  | { kind: "failed"; message: string }
  | { kind: "sockets"; sockets: ServerSocket[] }
  | { kind: "rtt"; samplesUs: number[] };
/** report: every socket so far; rtt: the ping-to-pong times measured since the last rtt command */
export type ServerCommand = { kind: "report" } | { kind: "rtt" };

/** a connected client of a fleet: its number, its socket id (the server's too) and its local TCP port */
export interface FleetClient {
  readonly client: number;
  readonly id: string;
  readonly port: number;
}

/** what the clients saw, from their side */
export interface FleetReport {
  /** client-side disconnect reasons ("ping timeout" = the client gave up first), with their times */
  readonly disconnects: { client: number; atMs: number; reason: string }[];
  /** the Manager's reconnect attempts (attempts after a client's first connect) */
  readonly reconnectAttempts: { client: number; atMs: number }[];
  /** failed connect attempts (the 20 s connect timeout, a refused or broken handshake) */
  readonly connectErrors: { client: number; atMs: number; message: string }[];
}

export type FleetMessage = { kind: "connected"; clients: FleetClient[] } | { kind: "report"; report: FleetReport };
export type FleetCommand = { kind: "clients" } | { kind: "crash"; clients: number[] } | { kind: "report" };

/**
 * The Socket.IO client's reconnection settings, its defaults written out
 * (the simulator's scenario mirrors them): the k-th wait 1 s x 2^(k-1),
 * at most 5 s, times a factor in [0.5, 1.5]; a connect attempt given up
 * after 20 s.
 */
export const RECONNECT = { reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.5, timeout: 20_000 } as const;
