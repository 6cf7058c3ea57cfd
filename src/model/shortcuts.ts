// Exact speed-ups of the model, switched together. Each changes how many
// events a run takes, never what happens: with every shortcut off the model
// runs as the spec reads (every message, timer and deadline an event of its
// own), and the outputs are byte for byte the same apart from `events` and
// `fingerprint` (test/model/shortcuts-oracle.test.ts, test/model/fuzz.test.ts).
// A shortcut applies only where the scenario allows it; switching it on
// elsewhere changes nothing.


export type QueueKind = "timelines" | "wheel" | "heap";

export interface Shortcuts {
  /**
   * the event queue: each client's events apart, each client run ahead to the
   * next server-wide event ("timelines", src/kernel/timelines.ts), a calendar
   * of buckets ("wheel") or a binary heap
   */
  readonly queue: QueueKind;
  /** deadlines and watches armed only at the visits of a connection's own timer (src/strategies/detectors/timeout/detector.ts) */
  readonly visits: boolean;
  /** ACK arrivals booked when sent instead of run as events (src/model/ack-book.ts) */
  readonly bookedAcks: boolean;
  /** quiet heartbeat rounds run ahead of the events (src/model/quiet-rounds.ts), and heartbeat rounds and app requests over Linux TCP run at once (LinuxTcpTransport.quietExchange); they build on visits and booked ACKs (and the TCP rounds on timelines) */
  readonly quietRounds: boolean;
}

export const ALL_SHORTCUTS: Shortcuts = { queue: "timelines", visits: true, bookedAcks: true, quietRounds: true };

/** the plain model, which the shortcuts are proven against */
export const NO_SHORTCUTS: Shortcuts = { queue: "heap", visits: false, bookedAcks: false, quietRounds: false };
