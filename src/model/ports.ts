// What the parts of one world see of each other. A part (the client and
// server ends, the TCP transport, traffic, restarts, the strategies and the
// detectors) is handed a ModelContext when it is built and reaches the
// others only through the narrow ports below, never through the World
// class: src/model/world.ts builds the parts and implements this context,
// and nothing the world builds imports it back (test/tidy.test.ts forbids
// import circles). A leaf: it imports only types of modules that import
// none of the parts.
import type { Simulator } from "../kernel/simulator.js";
import type { Recorder } from "../metrics/recorder.js";
import type { ClientStreams } from "../random/counter-rng.js";
import type { Plan, StrategyPlan } from "../scenario/plan.js";
import type { AckBook } from "./ack-book.js";
import type { AdaptiveIntervals } from "./components/adaptive.js";
import type { Network } from "./network.js";
import type { QuietRounds } from "./quiet-rounds.js";
import type { Shortcuts } from "./shortcuts.js";
import type { ClientTable } from "./state.js";
import type { DetectorVisits, Visits } from "./visits.js";

/** the client end of every connection, as the server side, the transport and the strategies use it (src/model/client.ts) */
export interface ClientPort {
  /** ACK arrivals booked at send time; null where every ACK is an event */
  readonly acks: AckBook | null;
  receive(i: number, data: number, now: number): void;
  /** a message of the server's reached client i, alive and connected on conn, and is heard (a round run at once tells it so, as receive would) */
  received(i: number, conn: number, now: number): void;
  transportBroke(i: number, now: number): void;
}

/** the server end (src/model/server.ts) */
export interface ServerPort {
  receive(i: number, data: number, now: number): void;
  /** the server heard client i on its tracked connection conn (its last-heard time is now) */
  heard(i: number, conn: number, now: number): void;
  /** the detector's verdict: client i is dead */
  release(i: number, now: number): void;
  transportBroke(i: number, now: number): void;
}

/** server restarts (src/model/restarts.ts) */
export interface RestartsPort {
  isDown(nowUs: number): boolean;
  clientGaveUp(i: number, nowUs: number): void;
}

/** One world as its parts see it. */
export interface ModelContext {
  readonly plan: Plan;
  readonly strategy: StrategyPlan;
  readonly replication: number;
  readonly sim: Simulator;
  readonly count: number;
  /** both ends of every connection, one packed record per client */
  readonly state: ClientTable;
  readonly rec: Recorder;
  readonly net: Network;
  readonly timerJitter: ClientStreams;
  readonly clientSide: ClientPort;
  readonly serverSide: ServerPort;
  readonly restarts: RestartsPort | null;
  readonly adaptive: AdaptiveIntervals | null;
  readonly sentGapUs: Float64Array | null;
  readonly quiet: QuietRounds | null;
  /** heartbeat rounds over Linux's TCP run at once where the scenario allows (src/model/shortcut-scope.ts); null otherwise */
  readonly exchanges: Exchanges | null;
  /** the heartbeat timers and answers, as the deadlines learn of them (the visits shortcut) */
  readonly visits: Visits;
  readonly policy: HeartbeatPolicy;
  readonly detector: Detector;
  readonly shortcuts: Shortcuts;
}

// The one small interface every heartbeat strategy and every detector
// implements. The connection model calls these hooks; a strategy decides who
// sends heartbeats and when, a detector decides when silence means death.
export interface HeartbeatPolicy {
  /** the server sends on its own (pings or acks), so a client can watch it */
  readonly serverTalks: boolean;
  /** register event handlers and start server-wide timers */
  install(w: ModelContext): void;
  /** client i got CONNECT_ACK for connection conn */
  clientConnected(i: number, conn: number, nowUs: number): void;
  /** the server started tracking connection conn of client i */
  serverTracked(i: number, conn: number, nowUs: number): void;
  /** a message of `type` reached the server on the tracked connection */
  serverHeard(i: number, type: number, conn: number, nowUs: number): void;
  /** client i's adaptive interval was raised from oldUs to newUs (an ACK at nowUs completed a level) */
  clientIntervalRaised(i: number, conn: number, oldUs: number, newUs: number, nowUs: number): void;
  /**
   * With jitter 0, connection conn's heartbeats (HBs, or the pings whose
   * PONGs are the heartbeats) leave at origin + k·interval; the origin, or
   * NaN while it is not known (a client not yet connected on conn). The
   * freshness detector's stand-in for NFD-S's sequence numbers.
   */
  heartbeatOriginUs(i: number, conn: number, trackedUs: number): number;
}

/** a detector: the server's verdict on silence; the visits it learns of are in src/model/visits.ts */
export interface Detector extends DetectorVisits {
  install(w: ModelContext): void;
  /** the server sent client i a ping on tracked connection conn (whether or not it gets there) */
  pinged(i: number, conn: number, nowUs: number): void;
  /** the server started tracking connection conn of client i (its last-heard time is now) */
  tracked(i: number, conn: number, nowUs: number): void;
  /** a message on tracked connection conn refreshed client i's last-heard time */
  heard(i: number, conn: number, nowUs: number): void;
  /**
   * A ping to client i sent at sentUs and answered at once: until when its
   * answer may reach the server (and the ping the client, before it) with
   * the detector arming nothing for it, so that the round can run at once
   * (src/model/tcp-linux.ts quietExchange); -Infinity when it would arm
   * something whatever the timing. Absent: no round runs at once under
   * this detector.
   */
  quietPingByUs?(i: number, sentUs: number): number;
  /**
   * Client i's heartbeat is about to leave, on its tracked connection:
   * until when it may reach the server with the detector arming nothing
   * (neither when the client's timer reports it nor when the server hears
   * it), so that the round can run at once; -Infinity when something would
   * be armed whatever the timing. Absent: no beat round runs at once under
   * this detector.
   */
  quietBeatByUs?(i: number): number;
}

/** a heartbeat round over TCP run at once (LinuxTcpTransport.quietExchange): the first segment goes up (a beat) or down (a ping) */
export interface Exchanges {
  readonly exchangeUs: Float64Array;
  quietExchange(i: number, conn: number, up: boolean, t0: number, arriveByUs: number, answerByUs: number, nextOwnUs: number): boolean;
  /** the round's tail loss probe, if it had one, told to the model: the first segment's just before the answer's arrival, the answer's last */
  probeTold(i: number, beforeAnswer: boolean): void;
}
