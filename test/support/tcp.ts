// Runs one world with the TCP transport and records every segment's story
// through the transport's observer: its transmissions, its arrival at the
// receiving end, and when it was handed on (in order), plus every break.
import { World } from "../../src/model/world.js";
import { type TcpPlan } from "../../src/net/tcp.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";

export interface Segment {
  readonly i: number;
  readonly up: boolean;
  readonly conn: number;
  readonly seq: number;
  readonly word: number;
  /** instants of its transmissions, the first at [0] */
  readonly txUs: number[];
  arrivedUs: number;
  deliveredUs: number;
}

export interface Watched {
  readonly w: World;
  /** every segment, in the order of first transmission */
  readonly segments: Segment[];
  /** per stream (client, direction, connection): the segments in the order they were handed on */
  readonly handedOn: Map<string, Segment[]>;
  readonly breaks: { i: number; up: boolean; conn: number; atUs: number }[];
}

const streamKey = (i: number, up: boolean, conn: number) => `${i}:${up ? "u" : "d"}:${conn}`;

export function runWatched(p: Plan, s: StrategyPlan): Watched {
  const w = new World(p, s, 0, makePolicy(s), makeDetector(s));
  const byKey = new Map<string, Segment>();
  const segments: Segment[] = [];
  const handedOn = new Map<string, Segment[]>();
  const breaks: Watched["breaks"] = [];
  const key = (i: number, up: boolean, conn: number, seq: number) => `${streamKey(i, up, conn)}:${seq}`;
  const tcp = w.net.tcp;
  if (tcp === null) throw new Error("runWatched needs a plan with the TCP transport");
  tcp.observer = {
    transmitted(i, up, conn, seq, word, k, nowUs) {
      const id = key(i, up, conn, seq);
      let seg = byKey.get(id);
      if (k === 0) {
        if (seg !== undefined) throw new Error(`segment ${id} sent twice`);
        seg = { i, up, conn, seq, word, txUs: [], arrivedUs: NaN, deliveredUs: NaN };
        byKey.set(id, seg);
        segments.push(seg);
      }
      if (seg === undefined || seg.txUs.length !== k) throw new Error(`segment ${id}: transmission ${k} out of turn`);
      seg.txUs.push(nowUs);
    },
    arrived(i, up, conn, seq, nowUs) {
      const seg = byKey.get(key(i, up, conn, seq))!;
      if (!Number.isNaN(seg.arrivedUs)) throw new Error("arrived twice");
      seg.arrivedUs = nowUs;
    },
    delivered(i, up, conn, seq, _word, sends, _firstUs, nowUs) {
      const seg = byKey.get(key(i, up, conn, seq))!;
      if (!Number.isNaN(seg.deliveredUs)) throw new Error("handed on twice");
      if (sends !== seg.txUs.length) throw new Error("transmission count differs");
      seg.deliveredUs = nowUs;
      const k = streamKey(i, up, conn);
      const list = handedOn.get(k) ?? [];
      list.push(seg);
      handedOn.set(k, list);
    },
    broken(i, up, conn, nowUs) {
      breaks.push({ i, up, conn, atUs: nowUs });
    },
  };
  w.sim.run(p.durationUs);
  return { w, segments, handedOn, breaks };
}

/** a TCP plan; the Linux model's tick rate 0 unless given (exact timers: the rules' closed forms without the kernel's clock) */
export function tcpPlan(rtoMinUs: number, rtoMaxUs: number, retries: number, model: TcpPlan["model"] = "simple", hz: TcpPlan["hz"] = 0): TcpPlan {
  return { kind: "tcp", model, rtoMinUs, rtoMaxUs, retries, hz };
}
