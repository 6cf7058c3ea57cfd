// The kernel's contract: events run in (time, phase, insertion) order, only
// before `until`, never past the horizon, with the clock following them.
// The properties compare against a naive reference (pick the minimum each
// time), which is obviously right and shares no code with the queues. The
// whole suite runs against each queue: the heap, and timing wheels of a
// tiny shape (a ring of 4 buckets of 2 µs, so most events overflow and many
// land in the bucket being drained), an ordinary one, and one whose buckets
// are wide enough to hold a whole test (long runs take the radix sort).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeapQueue } from "../../src/kernel/heap-queue.js";
import { MAX_PHASE } from "../../src/kernel/order.js";
import { MAX_KINDS, MAX_SUBJECT, Simulator, type SimulatorOptions } from "../../src/kernel/simulator.js";
import type { WheelShape } from "../../src/kernel/wheel-queue.js";

const QUEUES: [string, WheelShape | undefined][] = [
  ["heap", undefined],
  ["tiny wheel", { shift: 1, bucketsLog2: 2 }],
  ["wheel", { shift: 4, bucketsLog2: 10 }],
  ["wide-bucket wheel", { shift: 9, bucketsLog2: 1 }],
];

describe.each(QUEUES)("%s", (_queue, wheel) => {
  const newSim = (o: SimulatorOptions) => new Simulator({ ...o, wheel });

  /** a simulator whose kind-0 handler logs (subject, data, now) */
  function logging(horizonUs = 1e12) {
    const sim = newSim({ horizonUs, initialCapacity: 1 });
    const log: number[][] = [];
    sim.on(0, (subject, data, now) => log.push([subject, data, now]));
    return { sim, log };
  }
  const subjects = (log: number[][]) => log.map((e) => e[0]);

  describe("Simulator ordering", () => {
    it("runs by time, then by insertion among equal times", () => {
      const { sim, log } = logging();
      sim.schedule(30, 0, 1, 0);
      sim.schedule(10, 0, 2, 0);
      sim.schedule(30, 0, 3, 0);
      sim.schedule(20, 0, 4, 0);
      sim.schedule(10, 0, 5, 0);
      expect(sim.run(100)).toBe(true);
      expect(subjects(log)).toEqual([2, 5, 4, 1, 3]);
      expect(log.map((e) => e[2])).toEqual([10, 10, 20, 30, 30]);
    });

    it("runs late events after every normal event of the instant, even ones scheduled later or during it", () => {
      const sim = newSim({ horizonUs: 1000 });
      const order: string[] = [];
      sim.on(0, (s) => order.push(`n${s}`));
      sim.on(1, (s) => {
        order.push(`late${s}`);
      });
      // a normal event that, while running at t=5, adds another normal one at t=5
      sim.on(2, (s, _d, now) => {
        order.push(`spawn${s}`);
        sim.schedule(now, 0, 99, 0);
      });
      sim.scheduleLate(5, 1, 1, 0);
      sim.scheduleLate(5, 1, 2, 0);
      sim.schedule(5, 0, 3, 0);
      sim.schedule(5, 2, 4, 0);
      sim.schedule(4, 0, 5, 0);
      sim.schedule(6, 0, 6, 0);
      sim.run(10);
      expect(order).toEqual(["n5", "n3", "spawn4", "n99", "late1", "late2", "n6"]);
    });

    it("runs late events of an instant by phase, whenever each was scheduled", () => {
      const sim = newSim({ horizonUs: 1000 });
      const order: number[] = [];
      sim.on(0, (s) => order.push(s));
      sim.scheduleLate(5, 0, 31, 0, 3);
      sim.scheduleLate(5, 0, 21, 0, 2);
      sim.scheduleLate(5, 0, 11, 0, 1);
      sim.scheduleLate(5, 0, 22, 0, 2);
      sim.scheduleLate(5, 0, 12, 0);
      sim.schedule(5, 0, 1, 0);
      sim.run(10);
      // the normal event, then phase 1 (11 before 12, as scheduled), phase 2, phase 3
      expect(order).toEqual([1, 11, 12, 21, 22, 31]);
      expect(() => sim.scheduleLate(6, 0, 0, 0, 0)).toThrow();
      expect(() => sim.scheduleLate(6, 0, 0, 0, MAX_PHASE + 1)).toThrow();
    });
  });

  describe("Simulator run limits", () => {
    it("runs only events before `until`, leaves the rest, and resumes", () => {
      const { sim, log } = logging();
      for (const t of [5, 10, 15, 20]) sim.schedule(t, 0, t, 0);
      expect(sim.run(15)).toBe(true);
      expect(subjects(log)).toEqual([5, 10]);
      expect(sim.now).toBe(15);
      expect(sim.pending).toBe(2);
      expect(sim.run(100)).toBe(true);
      expect(subjects(log)).toEqual([5, 10, 15, 20]);
      expect(sim.now).toBe(100);
      expect(sim.events).toBe(4);
    });

    it("stops after maxEvents, returns false, and resumes where it stopped", () => {
      const { sim, log } = logging();
      for (let t = 1; t <= 5; t++) sim.schedule(t, 0, t, 0);
      expect(sim.run(100, 2)).toBe(false);
      expect(subjects(log)).toEqual([1, 2]);
      expect(sim.now).toBe(2); // the clock is at the last event run, not at `until`
      expect(sim.run(100, 3)).toBe(true); // exactly enough budget: it reached `until`
      expect(subjects(log)).toEqual([1, 2, 3, 4, 5]);
      expect(sim.now).toBe(100);
    });

    it("advances `now` to each event's time as it runs", () => {
      const { sim, log } = logging();
      sim.schedule(7, 0, 0, 0);
      sim.schedule(3, 0, 0, 0);
      expect(sim.now).toBe(0);
      sim.run(50);
      expect(log.map((e) => e[2])).toEqual([3, 7]);
      expect(sim.now).toBe(50);
    });

    it("drops events at or after the horizon and clamps the clock to it", () => {
      const { sim, log } = logging(100);
      sim.schedule(99, 0, 1, 0);
      sim.schedule(100, 0, 2, 0);
      sim.scheduleLate(150, 0, 3, 0);
      expect(sim.pending).toBe(1);
      sim.run(1000);
      expect(subjects(log)).toEqual([1]);
      expect(sim.now).toBe(100);
    });

    it("carries subject and data to the handler, up to the largest subject", () => {
      const sim = newSim({ horizonUs: 10 });
      const seen: number[][] = [];
      sim.on(MAX_KINDS - 1, (s, d) => seen.push([s, d]));
      sim.schedule(1, MAX_KINDS - 1, MAX_SUBJECT, -123456);
      sim.schedule(2, MAX_KINDS - 1, 0, 2 ** 31 - 1);
      sim.run(10);
      expect(seen).toEqual([[MAX_SUBJECT, -123456], [0, 2 ** 31 - 1]]);
    });
  });

  describe("Simulator rejects bad input", () => {
    it("refuses times in the past, non-integer or NaN", () => {
      const { sim } = logging();
      sim.schedule(10, 0, 0, 0);
      sim.run(20);
      for (const t of [19, -1, 20.5, NaN]) {
        expect(() => sim.schedule(t, 0, 0, 0), `schedule(${t})`).toThrow();
        expect(() => sim.scheduleLate(t, 0, 0, 0), `scheduleLate(${t})`).toThrow();
      }
      expect(() => sim.schedule(20, 0, 0, 0)).not.toThrow(); // now itself is allowed
    });

    // Infinity is not an integer time; it comes from a broken computation (a
    // zero rate, say), and dropping it silently as "beyond the horizon" hides that.
    it("refuses an infinite time", () => {
      const { sim } = logging();
      expect(() => sim.schedule(Infinity, 0, 0, 0)).toThrow();
      expect(() => sim.scheduleLate(Infinity, 0, 0, 0)).toThrow();
    });

    it("refuses a second handler for a kind, and kinds out of range", () => {
      const sim = newSim({ horizonUs: 10 });
      sim.on(3, () => {});
      expect(() => sim.on(3, () => {})).toThrow(/already/);
      for (const k of [-1, MAX_KINDS, 1.5, NaN]) expect(() => sim.on(k, () => {}), `kind ${k}`).toThrow(/range/);
    });

    it("refuses a negative or NaN horizon", () => {
      expect(() => newSim({ horizonUs: -1 })).toThrow();
      expect(() => newSim({ horizonUs: NaN })).toThrow();
    });
  });

  // --- property: random interleavings against a naive reference -------------

  // phase 0: a normal event; 1..MAX_PHASE: a late one of that phase
  type Op =
    | { op: "schedule"; dt: number; phase: number; child: { dt: number; phase: number } | null }
    | { op: "run"; dt: number; max: number | undefined };

  const phase = fc.integer({ min: 0, max: MAX_PHASE });
  const child = fc.option(fc.record({ dt: fc.integer({ min: 0, max: 5 }), phase }), { nil: null });
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant("schedule" as const), dt: fc.integer({ min: 0, max: 20 }), phase, child }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("run" as const), dt: fc.integer({ min: 0, max: 15 }), max: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }) },
  );

  interface Ev { t: number; phase: number; idx: number; id: number }

  /** the reference: a plain list, scanned for the minimum (time, phase, index) */
  class Reference {
    now = 0;
    pending: Ev[] = [];
    ran: number[] = [];
    private idx = 0;
    constructor(readonly horizon: number, readonly children: Map<number, Op & { op: "schedule" }>) {}
    add(t: number, phase: number, id: number) {
      const idx = this.idx++;
      if (t < this.horizon) this.pending.push({ t, phase, idx, id });
    }
    run(until: number, max = Infinity): boolean {
      for (let budget = max; ; budget--) {
        const best = this.min();
        if (best === undefined || best.t >= until) break;
        if (budget <= 0) return false;
        this.pending.splice(this.pending.indexOf(best), 1);
        this.now = best.t;
        this.ran.push(best.id);
        const c = this.children.get(best.id)?.child;
        if (c) this.add(best.t + c.dt, c.phase, -best.id);
      }
      this.now = Math.max(this.now, Math.min(until, this.horizon));
      return true;
    }
    private min(): Ev | undefined {
      const key = (e: Ev) => [e.t, e.phase, e.idx];
      let best: Ev | undefined;
      for (const e of this.pending) {
        const [a, b] = [key(e), best && key(best)];
        if (!b || a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = e;
      }
      return best;
    }
  }

  describe("Simulator property", () => {
    it("pops exactly in the reference order for any interleaving of schedules and runs", () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 80 }), fc.integer({ min: 1, max: 400 }), (ops, horizon) => {
          const children = new Map<number, Op & { op: "schedule" }>();
          const ref = new Reference(horizon, children);
          const sim = newSim({ horizonUs: horizon, initialCapacity: 1 });
          const ran: number[] = [];
          // ids are 1-based so a child's id (-parent) is distinct from every parent's
          sim.on(0, (_s, id, now) => {
            ran.push(id);
            const c = children.get(id)?.child;
            if (!c) return;
            if (c.phase > 0) sim.scheduleLate(now + c.dt, 0, 0, -id, c.phase);
            else sim.schedule(now + c.dt, 0, 0, -id);
          });
          ops.forEach((o, i) => {
            if (o.op === "schedule") {
              const id = i + 1;
              children.set(id, o);
              const t = ref.now + o.dt;
              if (o.phase > 0) sim.scheduleLate(t, 0, 0, id, o.phase);
              else sim.schedule(t, 0, 0, id);
              ref.add(t, o.phase, id);
            } else {
              const until = ref.now + o.dt;
              expect(sim.run(until, o.max)).toBe(ref.run(until, o.max));
              expect(sim.now).toBe(ref.now);
              expect(ran).toEqual(ref.ran);
            }
          });
          expect(sim.run(Infinity)).toBe(ref.run(Infinity));
          expect(ran).toEqual(ref.ran);
          expect(sim.pending).toBe(0);
          expect(sim.events).toBe(ran.length);
        }),
        { numRuns: 300 },
      );
    });
  });

});

describe("HeapQueue property", () => {
  // orders are distinct, as the kernel's insertion sequence is, so the sorted order is unique
  const entries = fc.uniqueArray(
    fc.record({ time: fc.integer({ min: 0, max: 50 }), order: fc.integer({ min: 0, max: 1e6 }), data: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
    { selector: (e) => e.order, maxLength: 300 },
  );

  it("pops everything sorted by (time, order), payload and data carried along", () => {
    fc.assert(
      fc.property(entries, (es) => {
        const q = new HeapQueue(1); // tiny, so pushes also exercise grow()
        es.forEach((e, i) => q.push(e.time, e.order, i, e.data));
        const popped: number[] = [];
        while (q.size > 0) {
          const before = q.peekTime();
          q.pop();
          expect(q.popTime).toBe(before);
          expect(es[q.popPayload].time).toBe(q.popTime);
          expect(q.popData).toBe(es[q.popPayload].data);
          popped.push(q.popPayload);
        }
        const sorted = es.map((_, i) => i).sort((a, b) => es[a].time - es[b].time || es[a].order - es[b].order);
        expect(popped).toEqual(sorted);
        expect(q.peekTime()).toBe(Infinity);
      }),
      { numRuns: 300 },
    );
  });
});
