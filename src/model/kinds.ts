// Event kinds of the heartbeat model. The kernel only sees these numbers; one
// list keeps the model's and the strategies' kinds from colliding.
export const EV = {
  /** a client starts a connect attempt (first or reconnect) */
  CONNECT: 0,
  /** a message reaches the server; data = message */
  AT_SERVER: 1,
  /** a message reaches a client; data = message */
  AT_CLIENT: 2,
  /** a CONNECT went unanswered for connectTimeout; data = connection id (late) */
  CONNECT_TIMEOUT: 3,
  /** the client's clientTimeout deadline; data = connection id (late) */
  CLIENT_WATCH: 4,
  /** client-initiated heartbeat timer; data = connection id */
  CLIENT_HB: 5,
  /** per-connection server ping timer; data = connection id */
  SERVER_PING: 6,
  /** server-wide ping tick (schedule "global") */
  SERVER_TICK: 7,
  /** the server-side detector's deadline (timeout, phi, freshness: one detector per world); data = connection id (late) */
  SERVER_DEADLINE: 8,
  /** server-wide standing sweep of the `missed` detector (late) */
  SERVER_SWEEP: 9,
  /** the server goes down and forgets every connection; data = index of the restart */
  SERVER_RESTART: 10,
  /** a client's next application request is due (Poisson traffic) */
  CLIENT_APP: 11,
  /** TCP transport: a segment's retransmission timer expires; data = its slot (src/net/segments.ts) */
  TCP_RTO: 12,
  /** TCP transport: a segment reaches the receiving end, maybe ahead of its turn; data = its slot */
  TCP_ARRIVAL: 13,
  /** TCP transport (linux): a pure ACK reaches the sender of a direction; data = its ACK slot */
  TCP_ACK: 14,
  /** TCP transport (linux): a delayed ACK falls due; data = connection id << 1 | 1 for the uplink's data */
  TCP_DELACK: 15,
} as const;

// Deadlines run late in their instant (after every message arrival and timer
// there, so a message landing exactly on a deadline counts), and in two
// phases: the server's detector first, then the clients' own deadlines. The
// order of two deadlines at one instant is so a rule of the model, not an
// accident of when each was last armed (which the exact shortcuts change).
export const LATE = {
  /** the server's detector: deadlines, sweeps */
  SERVER: 1,
  /** a client's watch on the server and its connect timeout */
  CLIENT: 2,
} as const;
