// TCP as Linux runs it, one event at a time (`"model": "linux"`). Where the
// simple transport (src/model/tcp.ts) lets the simulator know when a
// transmission is lost, here the sender learns only from ACKs, as a real
// one does:
// - every segment is acknowledged: by the next data the receiving end sends
//   back (an ACK riding on the answer, as a PONG carries the PING's), or by
//   a pure ACK, at once after a pause longer than the receiver's RTO (Linux's
//   quick-ACK mode: up to 16 ACKs sent at once after such a gap or at the
//   start), else after the delayed-ACK time (40 ms, TCP_ATO_MIN); a
//   duplicate or out-of-order segment is ACKed at once. ACKs cross the
//   lossy links like any packet, so a lost ACK brings a spurious
//   retransmission;
// - the retransmission timer is Linux's (src/net/rto.ts): RTO = SRTT +
//   RTTVAR, floored by rto_min through the variation, 1 s before the first
//   sample (so a lost CONNECT or CONNECT_ACK goes again at 1, 3, 7, ... s, as
//   a SYN does), doubling per expiry, reset by an ACK of new data;
// - RTT samples as Linux takes them with timestamps on: from the segment's
//   own transmission (µs) when no retransmitted segment is acknowledged, else
//   from the echoed timestamp (1 ms clock, at least 1 ms), which, when the
//   ACK rode on a retransmitted answer, carries that retransmission's delay;
// - the tail loss probe (RACK-TLP, tcp_early_retrans = 3): a segment sent
//   while no RTO has expired since the last sample is probed again at
//   min(2 SRTT + rto_min, RTO) without backing the timer off (1 s before the
//   first sample), and the RTO is then armed from the probe;
// - the kernel's clock (src/net/ticks.ts): every timeout in whole jiffies,
//   and every timer (probe, RTO, delayed ACK) run by the timer wheel at its
//   level's next tick, a little late.
// Left out, with the reason, in docs/scenarios.md: one timer per segment rather
// than one per connection (heartbeat traffic has one segment in flight),
// pingpong mode, SACK recovery, congestion control, Nagle.
//
// A segment's slot lives until its timer finds it acknowledged (or its
// sender gone) and no copy of it is on its way or held; copies that cross
// (a spurious retransmission and the original) are told apart by the
// receiver, which hands each sequence number on once.
import { InOrder } from "../net/in-order.js";
import type { Link } from "../net/link.js";
import { RtoEstimator } from "../net/rto.js";
import { SegmentPool } from "../net/segments.js";
import { Ticks } from "../net/ticks.js";
import type { TcpPlan } from "../net/tcp.js";
import { EV } from "./kinds.js";
import { MSG, isViaNewMapping, message, viaNewMapping } from "./messages.js";
import type { Transport } from "./network.js";
import type { ModelContext } from "./ports.js";
import type { LinkView } from "./state.js";
import type { TcpObserver } from "./tcp.js";
import { TcpWire } from "./tcp-wire.js";

const NONE = -1;
/** Linux's delayed-ACK time (TCP_ATO_MIN) and quick ACKs after a pause (TCP_MAX_QUICKACKS) */
const DELAYED_ACK_US = 40_000;
const QUICK_ACKS = 16;

/**
 * What became of the rounds asked of quietExchange: run at once, or why they
 * went the events' way. Counted only where roundCounts is set (npm run
 * profile); a plain run keeps no count. A round asked ahead of its instant
 * (chained after another, Simulator.runsNext) and turned down is asked
 * again at its own event, with the same draws: only that answer counts.
 */
export const ROUND = {
  AT_ONCE: 0,
  /** something of the connection's outstanding, owed, held or backed off (or a test watching it) */
  BUSY: 1,
  /** the path down, or the NAT mapping gone, when the first segment leaves */
  PATH: 2,
  /** the first segment lost, and its probe's copy lost too or not to be sent (the mapping, no retransmission allowed) */
  FIRST_LOST: 3,
  /** the first segment slower than its own tail loss probe, and the probe's copy not to be sent (or the segment landing at its instant) */
  FIRST_SLOW: 4,
  ANSWER_LOST: 5,
  ANSWER_SLOW: 6,
  /** an arrival past the path's period, the mapping's idle time, the client's crash or the model's bound */
  BOUND: 7,
  /** the pure ACK would wait for the delayed-ACK timer */
  NO_QUICK_ACK: 8,
  /** the round's last packet after the client's crash, its next event, the caller's next firing or the run's end */
  LATE: 9,
  /** both segments' probes fire in one round */
  TWO_PROBES: 10,
  /** a probe round that is not quiet (no retransmission allowed, the path, the RTO before an ACK, lateness) */
  PROBE: 11,
} as const;
/** ROUND's names, by number, as npm run profile prints them ("first lost" for FIRST_LOST) */
export const ROUND_NAMES: readonly string[] = Object.entries(ROUND)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name.toLowerCase().replace(/_/g, " "));

/**
 * One direction of client i's connection, 2i + 1 up and 2i down: its
 * sender's state (the timer, what is unacknowledged) and its receiver's
 * (what was handed on, the ACK owed) are kept under this index.
 */
function endOf(i: number, up: boolean): number {
  return 2 * i + (up ? 1 : 0);
}

/** the TCP timestamp clock: whole milliseconds */
function tsMs(us: number): number {
  return Math.floor(us / 1000);
}

/** the RTT sample of a retransmitted segment, taken at nowUs from the echo of an ACK (ms): at least 1 ms */
function echoRttUs(nowUs: number, echoMs: number): number {
  return Math.max(1, tsMs(nowUs) - echoMs) * 1000;
}

export class LinuxTcpTransport implements Transport {
  readonly pool = new SegmentPool();
  private readonly upOrder: InOrder;
  private readonly downOrder: InOrder;
  private readonly rto: RtoEstimator;
  private readonly wire: TcpWire;
  /** the kernel's clock: timeouts in jiffies, fired by the timer wheel */
  private readonly ticks: Ticks;
  /** rto_min as Linux keeps it (whole jiffies) */
  private readonly rtoMinUs: number;

  // per slot (grown with the pool)
  /** events of the slot still to run (its timer, copies on their way) plus 1 while the receiver holds it */
  private refs = new Int32Array(0);
  private acked = new Uint8Array(0);
  /** the receiver has it: handed on, or held */
  private received = new Uint8Array(0);
  /** the slot's timer is the tail loss probe (not yet an RTO) */
  private probe = new Uint8Array(0);
  /** the kernel's handle of the slot's waiting timer (-1: none, or one that cannot be cancelled) */
  private timerEvent = new Int32Array(0);
  /** its latest transmission, µs; and the ACK it carried back: the highest sequence number and the timestamp echoed (ms; -1: none) */
  private lastTxUs = new Float64Array(0);
  private carriedAck = new Int32Array(0);
  private carriedEcho = new Float64Array(0);
  /** the sender's list of unacknowledged segments, in sequence order */
  private sndPrev = new Int32Array(0);
  private sndNext = new Int32Array(0);
  private listed = new Uint8Array(0);

  // per direction (endOf): its sender's state, then its receiver's
  private readonly sndHead: Int32Array;
  private readonly sndConn: Int32Array;
  /** the next sequence number the end sends */
  private readonly sndNxt: Int32Array;
  /** receiving: the connection, the highest sequence number handed on (-1: none), the timestamp to echo (ms; -1 none) */
  private readonly rcvConn: Int32Array;
  private readonly rcvTop: Int32Array;
  private readonly tsRecent: Float64Array;
  /** the highest sequence number ACKed so far (Linux's rcv_wup - 1) */
  private readonly ackedTop: Int32Array;
  /** an ACK is owed; quick ACKs left; when data last arrived (µs; -1: never) */
  private readonly owed: Uint8Array;
  private readonly quick: Uint8Array;
  private readonly lastRcvUs: Float64Array;
  /** pure ACKs on their way: [end that receives it, highest sequence number, echo (ms), connection] by ack slot */
  private ackPool = new Float64Array(0);
  private ackFree: number[] = [];
  /** what a test may watch (the simple transport's hooks; `arrived` for the first copy only) */
  observer: TcpObserver | null = null;
  /** the rounds asked of quietExchange by what became of them (ROUND), when someone counts */
  roundCounts: Float64Array | null = null;
  /** while counting: the round being asked is ahead of its instant (see ROUND) */
  private askedAhead = false;
  /**
   * A quiet exchange's instants (quietExchange): the segment's arrival, the
   * answer's, the pure ACK's; then, when a segment's tail loss probe fired
   * before its ACK landed (the first segment's, or the answer's), the
   * probe's instant (else -1), the arrival of a duplicate (the copy, or the
   * first segment itself when its copy landed first; -1: none), and when
   * the segment was acknowledged.
   */
  readonly exchangeUs = new Float64Array(6);
  /** the last round's tail loss probe: the first segment's (else the answer's), and the client's (a copy going up) */
  private probeFirst = false;
  private probeUp = false;
  /** an end's estimator, kept while a round's sample may be taken back */
  private readonly saved = new Float64Array(7);
  /** the clients' link-stream counters and loss-chain bits, rewound when a round is given back */
  private readonly view: LinkView;

  constructor(
    private readonly w: ModelContext,
    private readonly plan: TcpPlan,
    private readonly uplink: Link,
    private readonly downlink: Link,
  ) {
    const n = w.count;
    this.upOrder = new InOrder(this.pool, n, (s) => this.unheld(s));
    this.downOrder = new InOrder(this.pool, n, (s) => this.unheld(s));
    this.ticks = new Ticks(plan.hz);
    this.rtoMinUs = this.ticks.roundUp(plan.rtoMinUs);
    this.rto = new RtoEstimator(2 * n, { rtoMinUs: this.rtoMinUs, rtoMaxUs: plan.rtoMaxUs }, this.ticks);
    this.sndHead = new Int32Array(2 * n).fill(NONE);
    this.sndConn = new Int32Array(2 * n);
    this.sndNxt = new Int32Array(2 * n);
    this.rcvConn = new Int32Array(2 * n);
    this.rcvTop = new Int32Array(2 * n).fill(-1);
    this.tsRecent = new Float64Array(2 * n).fill(-1);
    this.ackedTop = new Int32Array(2 * n).fill(-1);
    this.owed = new Uint8Array(2 * n);
    this.quick = new Uint8Array(2 * n);
    this.lastRcvUs = new Float64Array(2 * n).fill(-1);
    this.wire = new TcpWire(w, uplink, downlink);
    this.view = w.state.linkView();
    w.sim.on(EV.TCP_RTO, (i, slot, now) => this.timer(i, slot, now));
    w.sim.on(EV.TCP_ARRIVAL, (i, slot, now) => this.arrival(i, slot, now));
    w.sim.on(EV.TCP_ACK, (i, a, now) => this.ackArrival(i, a, now));
    w.sim.on(EV.TCP_DELACK, (i, data, now) => this.delayedAck(i, data >>> 1, (data & 1) === 1, now));
  }

  /** the smoothed RTT of client i's sender of a direction, µs (0: no sample yet) */
  srttUs(i: number, up: boolean): number {
    return this.rto.srttUs(endOf(i, up));
  }
  /** its retransmission timer as armed now, µs */
  rtoUs(i: number, up: boolean): number {
    return this.rto.rtoUs(endOf(i, up));
  }

  carries(type: number): boolean {
    return type !== MSG.CLOSE && type !== MSG.RESET;
  }

  toServer(i: number, type: number, conn: number, nowUs: number): number {
    return this.send(i, true, type, conn, nowUs);
  }

  toClient(i: number, type: number, conn: number, nowUs: number): number {
    return this.send(i, false, type, conn, nowUs);
  }

  /** a new segment: when it is handed on if that is sure now (its first transmission gets through, in order), else -1 */
  private send(i: number, up: boolean, type: number, conn: number, nowUs: number): number {
    const k = endOf(i, up);
    const order = up ? this.upOrder : this.downOrder;
    const seq = order.number(i, conn);
    if (seq === 0) this.newConnection(k, conn);
    const slot = this.pool.alloc(message(conn, type), conn, seq, up, nowUs);
    this.fit();
    this.refs[slot] = 0;
    this.acked[slot] = 0;
    this.received[slot] = 0;
    this.timerEvent[slot] = NONE;
    this.link(k, slot);
    this.sndNxt[k] = seq + 1;
    const delayUs = this.transmit(i, slot, nowUs);
    // the first segment of a direction, and any sent while the timer is backed off, get no probe
    const probes = seq > 0 && this.rto.backoff(k) === 0;
    const timerUs = this.arm(i, slot, nowUs, probes);
    // sure only if it arrives before its timer fires: a copy sent then (the ACK cannot come before
    // the segment arrives) may overtake a slow first transmission and be handed on earlier
    const counts = delayUs >= 0 && nowUs + delayUs < timerUs && !isViaNewMapping(this.pool.word[slot]) && order.caughtUp(i, conn, seq);
    return counts ? nowUs + delayUs : -1;
  }

  /** end k starts sending on connection conn: no estimate, nothing outstanding (the old connection's segments let go) */
  private newConnection(k: number, conn: number): void {
    for (let s = this.sndHead[k]; s !== NONE; ) {
      const next = this.sndNext[s];
      this.unlink(k, s);
      s = next;
    }
    this.sndConn[k] = conn;
    this.rto.reset(k);
  }

  /** one transmission of the segment in slot, carrying the ACK its end owes: its delay if it gets through, else LOST */
  private transmit(i: number, slot: number, now: number): number {
    const pool = this.pool;
    const up = pool.up[slot] === 1;
    pool.sends[slot]++;
    this.lastTxUs[slot] = now;
    const obs = this.observer;
    if (obs?.transmitted) obs.transmitted(i, up, pool.conn[slot], pool.seq[slot], pool.word[slot], pool.sends[slot] - 1, now);
    // the ACK of the other direction rides along, with the timestamp to echo
    const back = endOf(i, !up);
    const carries = this.rcvConn[back] === pool.conn[slot] && this.rcvTop[back] >= 0;
    this.carriedAck[slot] = carries ? this.rcvTop[back] : -1;
    this.carriedEcho[slot] = carries ? this.tsRecent[back] : -1;
    if (carries) this.ackSent(back);
    const delayUs = up ? this.wire.up(i, pool.conn[slot], now) : this.wire.down(i, pool.conn[slot], now);
    // through an expired mapping the server sees a stranger: it stays so for every later transmission
    if (up && this.wire.viaNewMapping) pool.word[slot] = viaNewMapping(pool.word[slot]);
    if (delayUs >= 0) {
      this.refs[slot]++;
      this.w.sim.schedule(now + delayUs, EV.TCP_ARRIVAL, i, slot);
    }
    return delayUs;
  }

  /** the slot's timer: the tail loss probe where it may be sent, else the RTO; the instant it fires */
  private arm(i: number, slot: number, now: number, probes: boolean): number {
    const k = endOf(i, this.pool.up[slot] === 1);
    const at = probes ? this.probeUs(k) : this.rto.rtoUs(k);
    this.probe[slot] = probes ? 1 : 0;
    this.refs[slot]++;
    const fireUs = this.ticks.firesAt(now, at);
    this.timerEvent[slot] = this.w.sim.scheduleCancellable(fireUs, EV.TCP_RTO, i, slot);
    return fireUs;
  }

  /**
   * One exchange of client i's connection conn run at once: a segment sent
   * at t0 (the server's ping, src/strategies/server-initiated.ts, or with
   * `up` the client's heartbeat, src/strategies/client-initiated.ts), the
   * other end's answer sent the moment it arrives (t1), the first end's
   * pure ACK of the answer sent the moment that arrives (t2), reaching the
   * answering end at t3. It runs at once only when it is quiet, which its
   * draws show: both ends idle (nothing unacknowledged, held or owed, no
   * backoff), every packet through the path and the links (a probe that
   * fires before its segment's ACK lands is drawn too, drawProbe, and a
   * first segment the link loses or delays past its probe races the probe's
   * copy: the first of the two to land does so at t1), each segment's ACK
   * back before its timer fires (the probe, or the RTO a probe arms), the
   * pure ACK a quick one, the client
   * alive for every packet it gets; the pure ACK landing before the client's
   * next event (its timeline's head), the caller's own next firing
   * (nextOwnUs: the next ping, beat or request) and the end of the run; and
   * within the model's bounds: t1 <= arriveByUs, t2 <= answerByUs. Then it
   * applies to both ends' TCP state, and the path, what the four events
   * would have (the segments need no slot and no timer: nothing can find
   * them unacknowledged), puts the instants in exchangeUs, and returns true.
   * The caller applies the rest. Otherwise the draws are given back (the
   * link streams are counter-based) and nothing has changed.
   *
   * A first segment lost or slower than its probe, the callers tell the
   * visits (which keep the deadlines, src/model/deadline-keeper.ts) that the
   * message lands at t1, as for any round. The events would say nothing was
   * promised (-1) and arm the watching side's deadline at its due instant;
   * when that fires it finds the message heard at t1 (by then: t1 <=
   * arriveByUs) and settles again from there, as hearing it at t1 does
   * here. The instants of giving up are the same; only the events differ.
   */
  quietExchange(i: number, conn: number, up: boolean, t0: number, arriveByUs: number, answerByUs: number, nextOwnUs: number): boolean {
    // kf: the first segment's direction (its sender's and its receiver's state), kb: the answer's
    const kf = endOf(i, up);
    const kb = endOf(i, !up);
    if (this.roundCounts !== null) this.askedAhead = t0 > this.w.sim.now;
    if (this.observer !== null || this.sndHead[kf] !== NONE || this.sndHead[kb] !== NONE) return this.turnedDown(ROUND.BUSY);
    if (this.sndConn[kf] !== conn || this.sndConn[kb] !== conn || this.rcvConn[kf] !== conn || this.rcvConn[kb] !== conn) return this.turnedDown(ROUND.BUSY);
    if (this.owed[kf] !== 0 || this.owed[kb] !== 0 || this.rto.backoff(kf) !== 0 || this.rto.backoff(kb) !== 0) return this.turnedDown(ROUND.BUSY);
    const first = up ? this.upOrder : this.downOrder;
    const back = up ? this.downOrder : this.upOrder;
    const seqF = first.peek(i, conn);
    const seqB = back.peek(i, conn);
    // not a direction's first segment (that one gets no probe), and each receiver caught up
    if (seqF <= 0 || seqB <= 0 || !first.caughtUp(i, conn, seqF) || !back.caughtUp(i, conn, seqB) || !first.holdsNone(i) || !back.holdsNone(i)) return this.turnedDown(ROUND.BUSY);
    const path = this.w.net.path;
    const untilUs = path === null ? Infinity : path.passesFrom(i, conn, t0);
    if (untilUs < 0) return this.turnedDown(ROUND.PATH);
    const view = this.view;
    const at = i * view.stride;
    const words = view.words;
    const upCount = words[at + view.up];
    const downCount = words[at + view.down];
    const bits = words[at + view.flags] & view.linkBits;
    const w = this.w;
    const endBeforeUs = Math.min(w.sim.nextEventUs(i), nextOwnUs, w.plan.durationUs);
    this.rto.save(kf, this.saved);
    if (!this.drawExchange(i, up, kf, kb, seqF, t0, untilUs, path === null ? Infinity : path.idleUs, arriveByUs, answerByUs, endBeforeUs)) {
      words[at + view.up] = upCount;
      words[at + view.down] = downCount;
      words[at + view.flags] = (words[at + view.flags] & ~view.linkBits) | bits;
      this.rto.restore(kf, this.saved);
      return false;
    }
    if (this.roundCounts !== null) this.roundCounts[ROUND.AT_ONCE]++;
    const exchange = this.exchangeUs;
    const t1 = exchange[0];
    const t2 = exchange[1];
    const t3 = exchange[2];
    // t0, the first end sends: its segment takes its sequence number and carries the ACK of the last answer
    first.number(i, conn);
    this.sndNxt[kf] = seqF + 1;
    if (this.rcvTop[kb] >= 0) this.ackSent(kb);
    const probeUs = exchange[3];
    const firstProbed = probeUs >= 0 && this.probeFirst;
    // t1, it reaches the other end (the ACK it carries is a duplicate: nothing of that end's is unacknowledged),
    // with the timestamp of its last transmission by then: the probe's copy's when it landed after the probe
    if (this.lastRcvUs[kf] < 0 || t1 - this.lastRcvUs[kf] > this.rto.rtoUs(kb)) this.quick[kf] = QUICK_ACKS;
    this.lastRcvUs[kf] = t1;
    if (seqF <= this.ackedTop[kf] + 1) this.tsRecent[kf] = tsMs(firstProbed && t1 >= probeUs ? probeUs : t0);
    first.delivered(i);
    this.rcvTop[kf] = seqF;
    // the answer goes at once, carrying the ACK of the first segment
    back.number(i, conn);
    this.sndNxt[kb] = seqB + 1;
    this.ackSent(kf);
    // the first segment's tail loss probe, if it fired before the answer landed: its copy carries the first end's ACK again
    if (firstProbed && this.rcvTop[kb] >= 0) this.ackSent(kb);
    // t2, the answer arrives: the first segment acknowledged (its sample taken in drawExchange), the answer ACKed at once
    if (this.lastRcvUs[kb] < 0 || t2 - this.lastRcvUs[kb] > this.rto.rtoUs(kf)) this.quick[kb] = QUICK_ACKS;
    this.lastRcvUs[kb] = t2;
    if (seqB <= this.ackedTop[kb] + 1) this.tsRecent[kb] = tsMs(t1);
    back.delivered(i);
    this.rcvTop[kb] = seqB;
    this.ackSent(kb);
    const dupUs = exchange[4];
    if (probeUs < 0 || firstProbed) {
      // t3, the ACK arrives: the answer's sample
      this.rto.sample(kb, t3 - t1, seqB, seqB + 1);
      // the first segment's duplicate (its copy, or itself after the copy): its timestamp (the probe's, the
      // slot's last) echoed, ACKed at once (pureAck)
      if (firstProbed && dupUs >= 0) {
        this.tsRecent[kf] = tsMs(probeUs);
        this.ackSent(kf);
      }
      if (path !== null) path.passed(i, firstProbed && dupUs > t2 ? dupUs : t2);
      return true;
    }
    // the answer's tail loss probe: its copy carries the ACK of the first segment again (ackSent), and the
    // first end takes it as a duplicate, echoes its timestamp and ACKs it at once (pureAck); the answer, sent
    // twice, is timed by the echo of the ACK that acknowledges it first (the pure ACK's, sent at t2, or the copy's)
    const pureEchoMs = this.tsRecent[kb];
    const ackedUs = exchange[5];
    this.ackSent(kf);
    if (dupUs >= 0) {
      this.tsRecent[kb] = tsMs(probeUs);
      this.ackSent(kb);
    }
    this.rto.sample(kb, echoRttUs(ackedUs, ackedUs === t3 ? pureEchoMs : tsMs(probeUs)), seqB, seqB + 1);
    if (path !== null) path.passed(i, dupUs >= 0 ? dupUs : probeUs);
    return true;
  }

  /**
   * What a round's tail loss probe (exchangeUs[3] >= 0) tells the model: the
   * copy sent (the client's transmissions and radio, or the server's
   * messages out), and on the client's side the duplicate received (the
   * copy, or the segment itself when its copy landed first) and ACKed. The callers ask in the order of the instants: the
   * first segment's probe before they tell of the answer's arrival
   * (beforeAnswer), the answer's after all the rest.
   */
  probeTold(i: number, beforeAnswer: boolean): void {
    const exchange = this.exchangeUs;
    const probeUs = exchange[3];
    if (probeUs < 0 || this.probeFirst !== beforeAnswer) return;
    const w = this.w;
    const radios = w.net.radios;
    if (this.probeUp) {
      // the client's segment went again
      w.rec.clientTx++;
      if (radios !== null) radios.activity(i, probeUs);
    } else {
      // the server's segment went again; the client's radio takes the duplicate in and sends its ACK at that
      // same instant (the events tell it twice: the same)
      w.rec.messageOut(probeUs);
      const dupUs = exchange[4];
      if (dupUs >= 0 && radios !== null) radios.activity(i, dupUs);
    }
  }

  /**
   * quietExchange's draws and checks, in the events' order; the instants in
   * exchangeUs when quiet. The links alone are drawn (the path is judged by
   * passesFrom and the mapping's idle time), so a round given back leaves
   * nothing but the streams and the first segment's sample to restore.
   */
  private drawExchange(i: number, up: boolean, kf: number, kb: number, seqF: number, t0: number, untilUs: number, idleUs: number, arriveByUs: number, answerByUs: number, endBeforeUs: number): boolean {
    const firstLink = up ? this.uplink : this.downlink;
    const backLink = up ? this.downlink : this.uplink;
    // the client takes what comes down only while it lives: the ping and the pure ACK, or the answer to a heartbeat
    const crashUs = this.w.state.crashAt(i);
    const d1 = firstLink.transmit(i);
    const fireF = this.ticks.firesAt(t0, this.probeUs(kf));
    let t1 = d1 >= 0 ? t0 + d1 : Infinity;
    // The first segment lost, or slower than its tail loss probe: the probe's copy, sent at fireF, races it.
    // The first of the two to land is handed on and answered at t1, the other is a duplicate (dupUs; -1:
    // none); either carries the copy's timestamp, sentF (a segment's slot keeps its last transmission's), so
    // on a tie it makes no difference which is which. The probe arms the RTO, not backed off, which an ACK
    // must beat (probeAcked).
    let sentF = t0;
    let dupUs = -1;
    let rtoFireF = Infinity;
    if (!(t1 < fireF)) {
      // a segment landing at the probe's very instant is handed on before the probe fires, with its own
      // timestamp: left to the events
      const why = d1 >= 0 ? ROUND.FIRST_SLOW : ROUND.FIRST_LOST;
      // the copy through the NAT's mapping (the path's period is judged with the first arrival, t1 < untilUs)
      if (t1 === fireF || this.givesUp(1) || !(fireF - t0 < idleUs)) return this.turnedDown(why);
      const dC = firstLink.transmit(i);
      const copyUs = dC >= 0 ? fireF + dC : Infinity;
      if (copyUs === Infinity && t1 === Infinity) return this.turnedDown(why);
      const laterUs = Math.max(t1, copyUs);
      dupUs = laterUs < Infinity ? laterUs : -1;
      t1 = Math.min(t1, copyUs);
      sentF = fireF;
      rtoFireF = this.ticks.firesAt(fireF, this.rto.rtoUs(kf));
    }
    if (!(t1 < untilUs && t1 - sentF < idleUs && (up || t1 < crashUs) && t1 <= arriveByUs)) return this.turnedDown(ROUND.BOUND);
    const d2 = backLink.transmit(i);
    if (d2 < 0) return this.turnedDown(ROUND.ANSWER_LOST);
    const t2 = t1 + d2;
    const fireB = this.ticks.firesAt(t1, this.probeUs(kb));
    if (!(t2 < fireB && t2 < untilUs && t2 - t1 < idleUs && (!up || t2 < crashUs) && t2 <= answerByUs)) return this.turnedDown(t2 < fireB ? ROUND.BOUND : ROUND.ANSWER_SLOW);
    const exchange = this.exchangeUs;
    exchange[3] = -1;
    // the first segment carries the first end's ACK of the last answer (and its copy, if the probe fires, again):
    // a quick ACK spent each time
    const carries = this.rcvTop[kb] >= 0;
    let quickLeft = this.quick[kb];
    if (carries && quickLeft > 0) quickLeft--;
    let rttUs = t2 - t0;
    if (sentF !== t0 || t2 >= fireF) {
      // the first segment's tail loss probe fired before the answer landed: before the segment did (the copy
      // raced it; the duplicate's ACK goes at dupUs, the last send before it the answer, or the pure ACK when
      // that came between), or after (drawProbe draws the copy)
      const probed =
        sentF !== t0
          ? this.probeAcked(i, up, true, fireF, dupUs, t2 <= dupUs ? t2 : t1, rtoFireF, t2, crashUs, untilUs, idleUs, endBeforeUs)
          : this.drawProbe(i, up, kf, true, fireF, t1, t2, t2, crashUs, untilUs, idleUs, endBeforeUs);
      if (!probed) return this.turnedDown(ROUND.PROBE);
      // the copy carries the first end's ACK again
      if (carries && quickLeft > 0) quickLeft--;
      // sent twice, the segment is timed by the echo of the ACK that acknowledged it: the duplicate ACK's (of
      // the copy's timestamp), or the answer's, of the timestamp the other end took on the first arrival
      // (sentF's, when that is not ahead of what it has ACKed, as the events' arrival does) or of the one it held
      const ackedUs = exchange[5];
      rttUs = echoRttUs(ackedUs, ackedUs !== t2 ? tsMs(fireF) : seqF <= this.ackedTop[kf] + 1 ? tsMs(sentF) : this.tsRecent[kf]);
    }
    // the first end, on the answer: its segment's RTT sample, then quick ACKs again after a pause longer than its RTO
    this.rto.sample(kf, rttUs, seqF, seqF + 1);
    const pause = this.lastRcvUs[kb] < 0 || t2 - this.lastRcvUs[kb] > this.rto.rtoUs(kf);
    if (!pause && quickLeft <= 0) return this.turnedDown(ROUND.NO_QUICK_ACK);
    const d3 = firstLink.transmit(i);
    // a pure ACK lost leaves the answer to its tail loss probe (Infinity: it never lands)
    const t3 = d3 < 0 ? Infinity : t2 + d3;
    exchange[0] = t1;
    exchange[1] = t2;
    exchange[2] = t3;
    if (t3 < fireB) return ((up || t3 < crashUs) && t3 < endBeforeUs) || this.turnedDown(ROUND.LATE);
    // one probe a round
    if (exchange[3] >= 0) return this.turnedDown(ROUND.TWO_PROBES);
    return this.drawProbe(i, !up, kb, false, fireB, t2, t2, t3, crashUs, untilUs, idleUs, endBeforeUs) || this.turnedDown(ROUND.PROBE);
  }

  /** a round turned down, and why (counted where roundCounts is set) */
  private turnedDown(why: number): false {
    if (this.roundCounts !== null && !this.askedAhead) this.roundCounts[why]++;
    return false;
  }

  /**
   * A segment's tail loss probe fires (fireUs) before its ACK lands (ackUs;
   * Infinity: that ACK is lost): the first segment's before the answer
   * (first), or the answer's before the pure ACK. The segment goes again
   * (copyUp: the client's copy), the other end takes the copy as a
   * duplicate and ACKs it at once, and whichever ACK lands first
   * acknowledges the segment. Drawn in the events' order (the copy on its
   * segment's link, the duplicate ACK on the other); quiet when the path
   * passes both sends and the mapping lives (prevUs: the last send before
   * the probe; t2, the pure ACK's, may come before the duplicate ACK), an
   * ACK lands before the RTO the probe arms, and the client lives through
   * it all and every event of it comes before endBeforeUs. A lost copy or
   * duplicate ACK is fine while the other ACK lands. Puts the probe's
   * instant, the copy's arrival (-1: lost) and when the segment was
   * acknowledged in exchangeUs[3..5]. (10k-mobile: of Socket.IO's 1.49M
   * rounds, 1.6% probe the ping before a slow PONG, 2.2% the PONG before a
   * slow pure ACK, 0.9% after a lost one.)
   */
  private drawProbe(i: number, copyUp: boolean, k: number, first: boolean, fireUs: number, prevUs: number, t2: number, ackUs: number, crashUs: number, untilUs: number, idleUs: number, endBeforeUs: number): boolean {
    // the probe's timer finds its segment sent once: with no retransmission allowed it breaks the connection instead
    if (this.givesUp(1)) return false;
    if (!(fireUs < untilUs && fireUs - prevUs < idleUs)) return false;
    // the probe arms the RTO, not backed off (the end's estimator has not moved since its segment went)
    const rtoFire = this.ticks.firesAt(fireUs, this.rto.rtoUs(k));
    const dC = (copyUp ? this.uplink : this.downlink).transmit(i);
    const copyUs = dC >= 0 ? fireUs + dC : -1;
    // the duplicate ACK goes at copyUs: the last send before it is the probe, or the pure ACK when that came between
    const beforeUs = t2 > fireUs && t2 <= copyUs ? t2 : fireUs;
    return this.probeAcked(i, copyUp, first, fireUs, copyUs, beforeUs, rtoFire, ackUs, crashUs, untilUs, idleUs, endBeforeUs);
  }

  /**
   * After a tail loss probe at fireUs (drawProbe, or the first segment's
   * copy racing it, drawExchange): the other end takes the later of the
   * segment and its copy at dupUs (-1: none) as a duplicate and ACKs it at
   * once (beforeUs: the connection's last send before), drawn on its link,
   * and whichever ACK lands first acknowledges the segment, the one it
   * awaited (ackUs; Infinity: lost) or the duplicate's. Quiet as drawProbe
   * says; puts the probe's instant, the duplicate's arrival and when the
   * segment was acknowledged in exchangeUs[3..5].
   */
  private probeAcked(i: number, copyUp: boolean, first: boolean, fireUs: number, dupUs: number, beforeUs: number, rtoFire: number, ackUs: number, crashUs: number, untilUs: number, idleUs: number, endBeforeUs: number): boolean {
    let dupAckUs = Infinity;
    let lastUs = ackUs < Infinity ? Math.max(fireUs, ackUs) : fireUs;
    if (dupUs >= 0) {
      if (!(dupUs < untilUs && dupUs - beforeUs < idleUs)) return false;
      const dA = (copyUp ? this.downlink : this.uplink).transmit(i);
      lastUs = Math.max(lastUs, dupUs);
      if (dA >= 0) {
        dupAckUs = dupUs + dA;
        lastUs = Math.max(lastUs, dupAckUs);
      }
    }
    // the ACK the segment awaited was scheduled before the duplicate's: it runs first when the two land together
    const ackedUs = Math.min(ackUs, dupAckUs);
    if (!(ackedUs < rtoFire && lastUs < crashUs && lastUs < endBeforeUs)) return false;
    const exchange = this.exchangeUs;
    exchange[3] = fireUs;
    exchange[4] = dupUs;
    exchange[5] = ackedUs;
    this.probeFirst = first;
    this.probeUp = copyUp;
    return true;
  }

  /** the timer a new segment of end k's gets (it probes): the tail loss probe's timeout, or the RTO when that is sooner */
  private probeUs(k: number): number {
    const rto = this.rto.rtoUs(k);
    const srtt = this.rto.srttUs(k);
    const pto = srtt === 0 ? rto : this.ticks.roundUp(Math.floor(2 * srtt) + this.rtoMinUs);
    return pto < rto ? pto : rto;
  }

  /** a timer that finds its segment sent this many times gives the connection up instead of sending it again */
  private givesUp(sends: number): boolean {
    return sends > this.plan.retries;
  }

  private timer(i: number, slot: number, now: number): void {
    const pool = this.pool;
    this.refs[slot]--;
    this.timerEvent[slot] = NONE;
    const up = pool.up[slot] === 1;
    const conn = pool.conn[slot];
    const k = endOf(i, up);
    if (this.acked[slot] === 1 || !this.wire.senderHas(i, up, conn, now) || this.sndConn[k] !== conn) {
      if (this.listed[slot] === 1) this.unlink(k, slot);
      this.release(slot);
      return;
    }
    if (this.givesUp(pool.sends[slot])) {
      this.unlink(k, slot);
      this.release(slot);
      this.observer?.broken?.(i, up, conn, now);
      if (up) this.w.clientSide.transportBroke(i, now);
      else this.w.serverSide.transportBroke(i, now);
      return;
    }
    // a probe goes again without backing the timer off; an RTO backs it off
    if (this.probe[slot] === 0) this.rto.expired(k);
    const w = this.w;
    if (up) {
      w.rec.clientTx++;
      if (w.net.radios !== null) w.net.radios.activity(i, now);
    } else {
      w.rec.messageOut(now);
    }
    this.transmit(i, slot, now);
    this.arm(i, slot, now, false);
  }

  private arrival(i: number, slot: number, now: number): void {
    const pool = this.pool;
    this.refs[slot]--;
    const up = pool.up[slot] === 1;
    const conn = pool.conn[slot];
    const seq = pool.seq[slot];
    // the receiving end: the server for an uplink segment
    const r = endOf(i, up);
    // the ACK it carries, for the end that receives it
    if (this.carriedAck[slot] >= 0) this.acknowledged(endOf(i, !up), conn, this.carriedAck[slot], this.carriedEcho[slot], now);
    const tsVal = tsMs(this.lastTxUs[slot]);
    // the client's radio receives every copy; one handed on also counts there (the same instant)
    if (!up && this.w.net.radios !== null && this.w.state.alive(i, now)) this.w.net.radios.activity(i, now);
    if (this.rcvConn[r] !== conn) {
      if (conn < this.rcvConn[r]) {
        // an older connection's: no order left to keep; handed on once
        if (this.received[slot] === 0) {
          this.received[slot] = 1;
          this.hand(i, slot, up, now);
        }
        this.release(slot);
        return;
      }
      this.rcvConn[r] = conn;
      this.rcvTop[r] = -1;
      this.ackedTop[r] = -1;
      this.tsRecent[r] = -1;
      this.owed[r] = 0;
      this.quick[r] = QUICK_ACKS;
    }
    if (this.received[slot] === 1 || seq <= this.rcvTop[r]) {
      // a copy already had: ACKed at once, echoing this copy's timestamp
      this.tsRecent[r] = tsVal;
      this.pureAck(i, r, now);
      this.release(slot);
      return;
    }
    // a pause longer than the receiving end's own RTO (of the direction it sends): quick ACKs again
    if (this.lastRcvUs[r] < 0 || now - this.lastRcvUs[r] > this.rto.rtoUs(r ^ 1)) this.quick[r] = QUICK_ACKS;
    this.lastRcvUs[r] = now;
    if (seq <= this.ackedTop[r] + 1) this.tsRecent[r] = tsVal;
    this.received[slot] = 1;
    this.observer?.arrived?.(i, up, conn, seq, now);
    const order = up ? this.upOrder : this.downOrder;
    if (!order.arrive(i, slot)) {
      // ahead of a gap: held (the receiver keeps a reference), and ACKed at once
      this.refs[slot]++;
      this.pureAck(i, r, now);
      return;
    }
    this.owed[r] = 1;
    this.rcvTop[r] = seq;
    this.hand(i, slot, up, now);
    this.release(slot);
    for (let s = order.nextHeld(i); s >= 0; s = order.nextHeld(i)) {
      this.rcvTop[r] = pool.seq[s];
      this.refs[s]--;
      this.hand(i, s, up, now);
      this.release(s);
    }
    // no answer took the ACK along: one now, or after the delayed-ACK time
    if (this.owed[r] === 1) {
      if (this.quick[r] > 0) this.pureAck(i, r, now);
      else this.w.sim.schedule(this.ticks.firesAt(now, DELAYED_ACK_US), EV.TCP_DELACK, i, (conn << 1) | (up ? 1 : 0));
    }
  }

  /** the receiving end's application gets the message */
  private hand(i: number, slot: number, up: boolean, now: number): void {
    const pool = this.pool;
    const word = pool.word[slot];
    const obs = this.observer;
    if (obs?.delivered) obs.delivered(i, up, pool.conn[slot], pool.seq[slot], word, pool.sends[slot], pool.firstUs[slot], now);
    if (up) this.w.serverSide.receive(i, word, now);
    else this.w.clientSide.receive(i, word, now);
  }

  private delayedAck(i: number, conn: number, up: boolean, now: number): void {
    const r = endOf(i, up);
    if (this.owed[r] === 1 && this.rcvConn[r] === conn) this.pureAck(i, r, now);
  }

  /** end r has ACKed everything it has (on data, or alone) */
  private ackSent(r: number): void {
    this.owed[r] = 0;
    this.ackedTop[r] = this.rcvTop[r];
    if (this.quick[r] > 0) this.quick[r]--;
  }

  /**
   * The receiving end of direction r (of client i) sends a pure ACK, if it
   * is there to send one: the server for the uplink's data, on the
   * downlink, and the client for the downlink's.
   */
  private pureAck(i: number, r: number, now: number): void {
    const fromServer = (r & 1) === 1;
    const conn = this.rcvConn[r];
    const top = this.rcvTop[r];
    const echo = this.tsRecent[r];
    this.ackSent(r);
    const t = this.w.state;
    let delayUs: number;
    if (fromServer) {
      if (!t.tracks(i, conn) || this.wire.serverDownAt(now)) return;
      delayUs = this.wire.down(i, conn, now);
    } else {
      if (!t.alive(i, now) || t.clientConn(i) !== conn) return;
      if (this.w.net.radios !== null) this.w.net.radios.activity(i, now);
      // through an expired mapping the server sees a stranger's ACK: it does not count
      delayUs = this.wire.up(i, conn, now, true);
    }
    if (delayUs < 0) return;
    const a = this.ackSlot();
    this.ackPool[4 * a] = r; // for the sender of direction r
    this.ackPool[4 * a + 1] = top;
    this.ackPool[4 * a + 2] = echo;
    this.ackPool[4 * a + 3] = conn;
    this.w.sim.schedule(now + delayUs, EV.TCP_ACK, i, a);
  }

  private ackArrival(_i: number, a: number, now: number): void {
    const p = this.ackPool;
    const k = p[4 * a];
    const top = p[4 * a + 1];
    const echo = p[4 * a + 2];
    const conn = p[4 * a + 3];
    this.ackFree.push(a);
    this.acknowledged(k, conn, top, echo, now);
  }

  /**
   * An ACK reaches end k: everything of connection conn up to sequence
   * number top is acknowledged. An ACK of new data gives an RTT sample and
   * resets the backoff.
   */
  private acknowledged(k: number, conn: number, top: number, echoMs: number, now: number): void {
    if (this.sndConn[k] !== conn) return;
    let s = this.sndHead[k];
    if (s === NONE || this.pool.seq[s] > top) return; // nothing new: a duplicate ACK
    let retransmitted = false;
    let firstUs = -1;
    while (s !== NONE && this.pool.seq[s] <= top) {
      const next = this.sndNext[s];
      if (this.pool.sends[s] > 1) retransmitted = true;
      else if (firstUs < 0) firstUs = this.pool.firstUs[s];
      this.acked[s] = 1;
      this.unlink(k, s);
      // its timer would find it acknowledged and let it go: taken back now, the same
      const timer = this.timerEvent[s];
      if (timer !== NONE) {
        this.w.sim.cancel(k >> 1, timer);
        this.timerEvent[s] = NONE;
        this.refs[s]--;
        this.release(s);
      }
      s = next;
    }
    let rttUs: number;
    if (!retransmitted) rttUs = now - firstUs;
    else if (echoMs >= 0) rttUs = echoRttUs(now, echoMs);
    else return;
    this.rto.sample(k, rttUs, top, this.sndNxt[k]);
  }

  private link(k: number, s: number): void {
    // new segments take the highest sequence number: they go at the tail
    let tail = this.sndHead[k];
    this.sndNext[s] = NONE;
    this.listed[s] = 1;
    if (tail === NONE) {
      this.sndHead[k] = s;
      this.sndPrev[s] = NONE;
      return;
    }
    while (this.sndNext[tail] !== NONE) tail = this.sndNext[tail];
    this.sndNext[tail] = s;
    this.sndPrev[s] = tail;
  }

  private unlink(k: number, s: number): void {
    if (this.listed[s] === 0) return;
    const prev = this.sndPrev[s];
    const next = this.sndNext[s];
    if (prev === NONE) this.sndHead[k] = next;
    else this.sndNext[prev] = next;
    if (next !== NONE) this.sndPrev[next] = prev;
    this.listed[s] = 0;
  }

  /** InOrder let go of a held slot (a new connection) */
  private unheld(s: number): void {
    this.refs[s]--;
    this.release(s);
  }

  /** frees the slot once nothing refers to it any more */
  private release(s: number): void {
    if (this.refs[s] === 0 && this.listed[s] === 0) this.pool.free(s);
  }

  private ackSlot(): number {
    const free = this.ackFree.pop();
    if (free !== undefined) return free;
    const a = this.ackPool.length / 4;
    const grown = new Float64Array(Math.max(64, 2 * this.ackPool.length));
    grown.set(this.ackPool);
    this.ackPool = grown;
    for (let b = grown.length / 4 - 1; b > a; b--) this.ackFree.push(b);
    return a;
  }

  /** the per-slot arrays keep up with the pool */
  private fit(): void {
    const n = this.pool.word.length;
    if (this.refs.length >= n) return;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.refs = grow(this.refs);
    this.acked = grow(this.acked);
    this.received = grow(this.received);
    this.probe = grow(this.probe);
    this.timerEvent = grow(this.timerEvent);
    this.lastTxUs = grow(this.lastTxUs);
    this.carriedAck = grow(this.carriedAck);
    this.carriedEcho = grow(this.carriedEcho);
    this.sndPrev = grow(this.sndPrev);
    this.sndNext = grow(this.sndNext);
    this.listed = grow(this.listed);
  }
}
