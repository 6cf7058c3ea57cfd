// The discrete-event kernel: a virtual clock in integer microseconds, one
// event queue ordered by (time, phase, insertion sequence), and a run loop.
// It knows nothing of heartbeats: an event is three numbers (kind, subject,
// data) handed to the handler registered for its kind.
//
// With timelines (src/kernel/timelines.ts) the order is kept per subject
// instead: for a model whose subjects never touch one another's state, each
// subject's events run in the order the one queue would give them, and a
// subject may run ahead of the others. What does touch several subjects is
// an event of a kind registered with onShared: a barrier that every subject
// is brought up to (every event ordered before it has run) before it runs.
// A subject's event may schedule only for its own subject, never a shared
// event before the next barrier (checked): that is what makes running ahead
// exact.
import { DOUBLE_FIELD } from "./double-field.js";
import { Fingerprint } from "./fingerprint.js";
import { HeapQueue } from "./heap-queue.js";
import { MAX_PHASE, PHASE } from "./order.js";
import { Timelines } from "./timelines.js";
import { WheelQueue, type WheelShape } from "./wheel-queue.js";

/** What the run loop needs of a queue; the heap and the wheel give the same order. */
export interface EventQueue {
  readonly size: number;
  readonly popTime: number;
  readonly popPayload: number;
  readonly popData: number;
  peekTime(): number;
  push(time: number, order: number, payload: number, data: number): void;
  pop(): void;
}

export type Handler = (subject: number, data: number, now: number) => void;

/** Kinds are small integers so they pack with the subject into one int32. */
export const MAX_KINDS = 16;
/** Subjects (client ids) must fit beside the kind in an int32. */
export const MAX_SUBJECT = Math.floor(0x7fffffff / MAX_KINDS);

// Late events run after every normal event of the same instant, by phase and
// then in their own insertion order. Models use this for deadlines: a message
// arriving exactly on a deadline counts as arriving in time, whatever was
// scheduled first; and deadlines of different phases at one instant run in
// the phases' order whenever each was scheduled.

export interface SimulatorOptions {
  /** events at or after this time are never run, so they are not stored */
  readonly horizonUs: number;
  readonly initialCapacity?: number;
  /** a timing wheel of this shape, or a binary heap when absent (and no timelines) */
  readonly wheel?: WheelShape;
  /** one timeline for each of this many subjects (0 .. timelines - 1), shared events in a heap of their own */
  readonly timelines?: number;
}

export class Simulator {
  /** the current virtual time, µs (0 from the constructor on: see double-field.ts) */
  now = DOUBLE_FIELD;
  /** events run so far */
  events = 0;
  readonly horizonUs: number;
  private seq = 0;
  private readonly queue: EventQueue;
  private readonly handlers: Handler[] = [];
  private readonly print = new Fingerprint();
  /** with timelines: the subjects' events, and (in queue) the shared ones */
  private readonly lines: Timelines | null;
  /** with timelines, the queue: a heap, whose head's order is the barrier's */
  private readonly sharedHeap: HeapQueue | null;
  private readonly shared: boolean[] = [];
  /** the subject whose event runs (-1: none), and the barrier it runs up to */
  private running = -1;
  private barrierTime = DOUBLE_FIELD;
  private barrierOrder = 0;
  /** the latest instant runsNext said yes to (a subject may have run there at once): no subject may schedule a shared event at or before it */
  private aheadUs = -Infinity;
  /** the next subject a sweep cut short by maxEvents goes on from */
  private cursor = 0;

  constructor(options: SimulatorOptions) {
    this.now = 0;
    this.barrierTime = 0;
    if (!(options.horizonUs >= 0)) throw new Error(`horizon must be >= 0, got ${options.horizonUs}`);
    this.horizonUs = options.horizonUs;
    const subjects = options.timelines;
    if (subjects !== undefined && !(Number.isInteger(subjects) && subjects >= 0 && subjects <= MAX_SUBJECT + 1)) {
      throw new Error(`timelines must be a count of subjects, 0..${MAX_SUBJECT + 1}, got ${subjects}`);
    }
    this.lines = subjects === undefined ? null : new Timelines(subjects, options.initialCapacity);
    this.sharedHeap = this.lines ? new HeapQueue(64) : null;
    this.queue = this.sharedHeap ?? (options.wheel ? new WheelQueue(options.wheel, options.initialCapacity) : new HeapQueue(options.initialCapacity));
  }

  on(kind: number, handler: Handler): void {
    if (!Number.isInteger(kind) || kind < 0 || kind >= MAX_KINDS) throw new Error(`event kind out of range: ${kind}`);
    if (this.handlers[kind]) throw new Error(`event kind ${kind} already has a handler`);
    this.handlers[kind] = handler;
  }

  /** a kind whose events may touch every subject: with timelines, a barrier (register before scheduling it) */
  onShared(kind: number, handler: Handler): void {
    this.on(kind, handler);
    this.shared[kind] = true;
  }

  /** run `kind` for `subject` at absolute time `atUs` (>= now, integer) */
  schedule(atUs: number, kind: number, subject: number, data: number): void {
    this.push(atUs, this.seq++, kind, subject, data);
  }

  /** like schedule, but after every normal event of that instant and every late one of an earlier phase (1 .. MAX_PHASE) */
  scheduleLate(atUs: number, kind: number, subject: number, data: number, phase = 1): void {
    if (!(phase >= 1 && phase <= MAX_PHASE && Number.isInteger(phase))) throw new Error(`late phase must be 1..${MAX_PHASE}, got ${phase}`);
    this.push(atUs, phase * PHASE + this.seq++, kind, subject, data);
  }

  /**
   * Like schedule, and cancellable: with timelines, a handle for cancel()
   * while the event waits; -1 when it cannot be cancelled (no timelines, a
   * shared kind, or past the horizon: then it never runs either way).
   */
  scheduleCancellable(atUs: number, kind: number, subject: number, data: number): number {
    return this.push(atUs, this.seq++, kind, subject, data);
  }

  /** takes back a waiting event of subject's (the handle from scheduleCancellable, not yet run) */
  cancel(subject: number, handle: number): void {
    if (this.running >= 0 && subject !== this.running) {
      throw new Error(`subject ${this.running}'s event cancelled an event of subject ${subject}: with timelines a subject touches only its own`);
    }
    this.lines!.remove(subject, handle);
  }

  private push(atUs: number, order: number, kind: number, subject: number, data: number): number {
    if (!(atUs >= this.now) || atUs !== Math.floor(atUs) || atUs === Infinity) {
      throw new Error(`cannot schedule at ${atUs} us (now ${this.now} us): times are integers, finite, never in the past`);
    }
    if (atUs >= this.horizonUs) return -1;
    const lines = this.lines;
    if (lines === null || this.shared[kind] === true) {
      if (lines !== null && this.running >= 0 && (atUs < this.barrierTime || (atUs === this.barrierTime && order < this.barrierOrder))) {
        throw new Error(`subject ${this.running}'s event scheduled a shared event (kind ${kind}) at ${atUs} us, before the barrier it runs up to`);
      }
      if (lines !== null && this.running >= 0 && atUs <= this.aheadUs) {
        throw new Error(`subject ${this.running}'s event scheduled a shared event (kind ${kind}) at ${atUs} us, not after ${this.aheadUs} us, which a subject ran at once`);
      }
      this.queue.push(atUs, order, subject * MAX_KINDS + kind, data);
      return -1;
    }
    if (this.running >= 0 && subject !== this.running) {
      throw new Error(`subject ${this.running}'s event scheduled an event (kind ${kind}) for subject ${subject}: with timelines a subject schedules only its own`);
    }
    if (!(subject >= 0 && subject < lines.head.length)) throw new Error(`subject out of range: ${subject}`);
    return lines.push(subject, atUs, order, kind, data);
  }

  /**
   * With timelines: when subject's earliest waiting event runs (Infinity:
   * none). Without: -Infinity, as if one were always due (a model that
   * runs ahead of its events must not).
   */
  nextEventUs(subject: number): number {
    return this.lines === null ? -Infinity : this.lines.headTime[subject];
  }

  /**
   * With timelines: whether an event of subject's at atUs would be the next
   * of its own to run (before each of its waiting events) and would run
   * before the next shared event, within the horizon. The model may then run
   * what that event would do at once, at atUs, instead of scheduling it: no
   * event of any other subject can tell the difference, none of its own
   * comes between. (Ties are left to the queue.) Without timelines: false.
   * A subject runs so past the sweep's barrier; a shared event scheduled
   * later by a subject at or before an instant run so would come too late
   * to be seen by it, and is refused (push).
   */
  runsNext(subject: number, atUs: number): boolean {
    const lines = this.lines;
    if (lines === null || !(atUs < lines.headTime[subject] && atUs < this.horizonUs && atUs < this.sharedHeap!.peekTime())) return false;
    if (atUs > this.aheadUs) this.aheadUs = atUs;
    return true;
  }

  /** events waiting in the queue */
  get pending(): number {
    return this.queue.size + (this.lines === null ? 0 : this.lines.size);
  }

  /**
   * Runs every event with time < untilUs, at most maxEvents of them.
   * Returns true when it stopped at untilUs, false when it hit maxEvents.
   * The clock is left at untilUs (clamped to the horizon) when it got there.
   */
  run(untilUs: number, maxEvents = Infinity): boolean {
    if (!(this.lines === null ? this.runEvents(untilUs, maxEvents) : this.runTimelines(untilUs, maxEvents))) return false;
    const end = Math.min(untilUs, this.horizonUs);
    if (end > this.now) this.now = end;
    return true;
  }

  // The event loop of run(), with nothing after the loop but a return. A
  // loop this hot is compiled while it runs (on-stack replacement), when the
  // code past it has never run and has no type feedback; V8 keeps such code
  // and deoptimises it at every exit, which was every slice of a run.
  private runEvents(untilUs: number, maxEvents: number): boolean {
    const queue = this.queue;
    // The budget is an event count to reach, not a number counted down: a
    // double decremented in the loop (maxEvents is Infinity or large) was a
    // fresh heap number per event, 16 bytes of garbage each.
    const stopAt = this.events + maxEvents;
    while (queue.size > 0 && queue.peekTime() < untilUs) {
      if (this.events >= stopAt) return false;
      this.runNext(queue);
    }
    return true;
  }

  /** pops the queue's earliest event and runs it */
  private runNext(queue: EventQueue): void {
    queue.pop();
    const t = queue.popTime;
    const packed = queue.popPayload;
    const kind = packed & (MAX_KINDS - 1);
    const subject = (packed - kind) / MAX_KINDS;
    this.now = t;
    this.events++;
    this.print.add(t, kind, subject);
    this.handlers[kind](subject, queue.popData, t);
  }

  // The run loop with timelines: every subject up to the next shared event
  // (or untilUs), in subject order, then that event, and so on.
  private runTimelines(untilUs: number, maxEvents: number): boolean {
    const lines = this.lines!;
    const shared = this.sharedHeap!;
    const handlers = this.handlers;
    const print = this.print;
    const headTime = lines.headTime;
    const n = headTime.length;
    const stopAt = this.events + maxEvents;
    for (;;) {
      // the barrier: events before (barrierTime, barrierOrder) run; orders are >= 0
      const sharedDue = shared.size > 0 && shared.peekTime() < untilUs;
      const bt = sharedDue ? shared.peekTime() : untilUs;
      const bo = sharedDue ? shared.peekOrder() : -1;
      this.barrierTime = bt;
      this.barrierOrder = bo;
      for (let s = this.cursor; s < n; s++) {
        let t = headTime[s];
        if (!(t <= bt)) continue;
        this.running = s;
        while (t < bt || (t === bt && lines.headOrder(s) < bo)) {
          if (this.events >= stopAt) {
            this.running = -1;
            this.cursor = s;
            return false;
          }
          lines.pop(s);
          const kind = lines.popKind;
          this.now = t;
          this.events++;
          print.add(t, kind, s);
          handlers[kind](s, lines.popData, t);
          t = headTime[s];
        }
      }
      this.running = -1;
      this.cursor = 0;
      if (!sharedDue) return true;
      if (this.events >= stopAt) return false;
      this.runNext(shared);
    }
  }

  fingerprint(): string {
    return this.print.hex();
  }
}
