// The heartbeat timers as the deadlines see them: when each connection's
// timer next fires (the client's beats, the server's per-client pings), and
// what each firing and each answer will do. The strategies report here; the
// visits shortcut (src/model/shortcuts.ts) passes it on to the deadline
// keepers (src/model/deadline-keeper.ts) and the detector, which then need
// an event only when a deadline may expire before the next visit looks
// again. Without the shortcut the reports change nothing: every deadline
// stays armed as the plain model reads, and the next firings are kept for
// the rules that read them (the adaptive interval's re-armed beat).
import type { Side } from "./state.js";

/** what the client's watch learns (DeadlineKeeper) */
export interface WatchVisits {
  ownTimerSet(i: number, conn: number, nextUs: number, sentArriveUs: number): void;
  ownAnswered(i: number, conn: number, arriveUs: number): void;
  otherFired(i: number, conn: number, arriveUs: number): void;
}

/** what the server's detector learns (the Detector interface, src/model/ports.ts, extends it) */
export interface DetectorVisits {
  /**
   * With per-client pings: the server's own timer for connection conn next
   * fires at nextUs, when it calls this again. A deadline can wait for that
   * visit unless it falls before it; or, when the ping this visit sent
   * reaches the client at pingArriveUs (< 0: none, or lost), for the
   * client's answer (answered).
   */
  nextVisit(i: number, conn: number, nextUs: number, pingArriveUs: number): void;
  /**
   * The client received a message while the deadline awaited its answer:
   * it answered on connection conn with a message that reaches the server
   * at arriveUs (< 0: no answer, or lost).
   */
  answered(i: number, conn: number, arriveUs: number): void;
  /**
   * With client beats: client i's heartbeat timer for connection conn
   * fired; its heartbeat reaches the server at arriveUs, or arriveUs < 0
   * when none was sent or it was lost.
   */
  clientVisited(i: number, conn: number, arriveUs: number): void;
}

/** what a deadline keeper reads of the timers */
export interface VisitTimes {
  /** the client's heartbeat timers report their visits (client beats, with the shortcut) */
  readonly client: boolean;
  /** the server's per-client ping timers report theirs (per-client pings, with the shortcut) */
  readonly server: boolean;
  /** when client i's latest-set heartbeat timer fires (it always fires, and then reports) */
  clientNextUs(i: number): number;
  /** when the server's latest-set ping timer for client i fires */
  serverNextUs(i: number): number;
  /** the side's: clientNextUs or serverNextUs, taken by side (as ClientTable.heardBy is) */
  nextUs(i: number, side: Side): number;
}

export class Visits implements VisitTimes {
  readonly client: boolean;
  readonly server: boolean;
  private readonly clientNext: Float64Array;
  private readonly serverNext: Float64Array;
  /** the two in SIDE order */
  private readonly next: readonly Float64Array[];
  private watch!: WatchVisits;
  private detector!: DetectorVisits;

  constructor(
    count: number,
    /** which side has a heartbeat timer per connection: the client (client beats) or the server (per-client pings) */
    timers: { readonly client: boolean; readonly server: boolean },
    /** which side's timers report visits: where it has them and the shortcut holds */
    visits: { readonly client: boolean; readonly server: boolean },
  ) {
    this.client = visits.client;
    this.server = visits.server;
    this.clientNext = new Float64Array(timers.client ? count : 0).fill(NaN);
    this.serverNext = new Float64Array(timers.server ? count : 0).fill(NaN);
    this.next = [this.clientNext, this.serverNext];
  }

  /** who is told: the client's watch and the server's detector */
  connect(watch: WatchVisits, detector: DetectorVisits): void {
    this.watch = watch;
    this.detector = detector;
  }

  clientNextUs(i: number): number {
    return this.clientNext[i];
  }
  serverNextUs(i: number): number {
    return this.serverNext[i];
  }
  nextUs(i: number, side: Side): number {
    return this.next[side][i];
  }

  /** client i's heartbeat timer for connection conn is set for atUs; the heartbeat it just sent reaches the server at sentArriveUs (< 0: none) */
  clientTimerSet(i: number, conn: number, atUs: number, sentArriveUs: number): void {
    this.clientNext[i] = atUs;
    this.watch.ownTimerSet(i, conn, atUs, sentArriveUs);
  }
  /** client i's timer moves to atUs with nothing for the deadlines to learn (the rounds run ahead up to it had their look) */
  clientTimerMoved(i: number, atUs: number): void {
    this.clientNext[i] = atUs;
  }
  /** client i's heartbeat timer for conn fired; its heartbeat reaches the server at arriveUs (< 0: none sent, or lost) */
  clientTimerFired(i: number, conn: number, arriveUs: number): void {
    this.detector.clientVisited(i, conn, arriveUs);
  }

  /** the server's ping timer for client i's connection conn is set for atUs; the ping just sent reaches the client at sentArriveUs (< 0: none) */
  serverTimerSet(i: number, conn: number, atUs: number, sentArriveUs: number): void {
    this.serverNext[i] = atUs;
    this.detector.nextVisit(i, conn, atUs, sentArriveUs);
  }
  /** the server's ping timer moves to atUs (NaN: none set) with nothing for the deadlines to learn */
  serverTimerMoved(i: number, atUs: number): void {
    this.serverNext[i] = atUs;
  }
  /** the server's ping timer for client i's conn fired; its ping reaches the client at arriveUs (< 0: none sent, or lost) */
  serverTimerFired(i: number, conn: number, arriveUs: number): void {
    this.watch.otherFired(i, conn, arriveUs);
  }

  /** the server answers client i's heartbeat on conn; the answer reaches the client at arriveUs (< 0: lost) */
  serverAnswered(i: number, conn: number, arriveUs: number): void {
    this.watch.ownAnswered(i, conn, arriveUs);
  }
  /** client i answers a message of the server's on conn; the answer reaches the server at arriveUs (< 0: lost) */
  clientAnswered(i: number, conn: number, arriveUs: number): void {
    this.detector.answered(i, conn, arriveUs);
  }
}
