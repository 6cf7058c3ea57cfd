// Every random stream of a world, by name: one key per (seed, replication,
// purpose) (src/random/keys.ts), so a stream added here moves no number of
// another. Keyed by client only, never by strategy: every strategy of a
// scenario sees the same connects, crashes, outages and link draws (common
// random numbers). The purpose strings are part of the results: renaming
// one changes every number drawn from it.
export const STREAMS = {
  /** each client's first connect instant (drawn once, at random access) */
  connect: { purpose: "connect", sequential: false },
  /** whether and when each client crashes (random access) */
  crash: { purpose: "crash", sequential: false },
  /** each client's coverage outages */
  outages: { purpose: "outages", sequential: true },
  /** heartbeat timer jitter */
  timerJitter: { purpose: "timer-jitter", sequential: true },
  /** the jitter of reconnect delays */
  reconnectJitter: { purpose: "reconnect-jitter", sequential: true },
  /** the app's own requests */
  traffic: { purpose: "traffic", sequential: true },
  /** the client-to-server link's loss and delay draws (kept in the client's record) */
  uplink: { purpose: "uplink", sequential: true },
  /** the server-to-client link's */
  downlink: { purpose: "downlink", sequential: true },
} as const;

export type StreamName = keyof typeof STREAMS;
