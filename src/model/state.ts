// Per-client state as columns (typed arrays indexed by client id): no object
// per client, so a million clients are a few dozen megabytes.

export const CLIENT = {
  IDLE: 0, // not yet started its first connect
  CONNECTING: 1, // CONNECT sent, waiting for CONNECT_ACK
  CONNECTED: 2,
  WAITING: 3, // waiting out the reconnect delay
} as const;

export class ClientState {
  readonly state: Uint8Array;
  /** current connection id (0 before the first attempt) */
  readonly conn: Int32Array;
  /** last time the client heard from the server on this connection, µs */
  readonly heardUs: Float64Array;
  /** reconnect waits since the client was last connected, for the backoff */
  readonly waits: Uint16Array;
  /** when the client crashes silently, µs; Infinity if never */
  readonly crashAtUs: Float64Array;

  constructor(count: number) {
    this.state = new Uint8Array(count);
    this.conn = new Int32Array(count);
    this.heardUs = new Float64Array(count);
    this.waits = new Uint16Array(count);
    this.crashAtUs = new Float64Array(count).fill(Infinity);
  }
}

export class ServerState {
  /** newest connection id the server has accepted from each client */
  readonly conn: Int32Array;
  /** 1 while the server tracks that connection */
  readonly tracked: Uint8Array;
  /** last time the server heard from the client, µs */
  readonly heardUs: Float64Array;

  constructor(count: number) {
    this.conn = new Int32Array(count);
    this.tracked = new Uint8Array(count);
    this.heardUs = new Float64Array(count);
  }
}

/** bytes of typed-array state per client, for the memory estimate */
export const STATE_BYTES_PER_CLIENT = 1 + 4 + 8 + 2 + 8 + 4 + 1 + 8;
