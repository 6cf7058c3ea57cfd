// Timelines' contract (src/kernel/timelines.ts, the kernel's run loop with
// them): each subject's events run in exactly the order the one heap gives
// them, and a shared event runs when, and only when, every subject's events
// ordered before it have run and none after. Checked against the heap on
// random programs: subjects that schedule their own follow-ups (normal and
// late, at the same instant too) and take some back (cancel), shared events
// that schedule for any subject, cut into slices by run(until) and by
// maxEvents. The heap cannot cancel: there a cancelled event runs and is
// ignored, as a model without timelines does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulator } from "../../src/kernel/simulator.js";

const OWN = 0;
const LATE_OWN = 1;
const SHARED = 2;
const CANCELLABLE = 3;

/** a small deterministic hash, so a handler's follow-ups depend on what it saw alone */
function mix(...xs: number[]): number {
  let h = 0x9e3779b9 | 0;
  for (const x of xs) h = Math.imul(h ^ (x | 0), 0x85ebca6b) ^ (h >>> 13);
  return h >>> 0;
}

interface Program {
  readonly subjects: number;
  readonly starts: readonly (readonly [number, number, number])[]; // subject, time, data
  readonly shared: readonly (readonly [number, number])[]; // time, data
  readonly slices: readonly number[];
  readonly budget: number;
}

/** runs a program; per subject its trace, and the shared events' trace with what each saw */
function play(p: Program, timelines: boolean, atOnce = false) {
  const horizonUs = 2000;
  const sim = new Simulator({ horizonUs, initialCapacity: 1, timelines: timelines ? p.subjects : undefined });
  const traces: string[][] = Array.from({ length: p.subjects }, () => []);
  const ran = new Array<number>(p.subjects).fill(0);
  const sharedTrace: string[] = [];
  // cancellable events, numbered per subject (data = subject's number), with their generation and handle
  const numbered = new Array<number>(p.subjects).fill(0);
  const waiting: { id: number; handle: number }[][] = Array.from({ length: p.subjects }, () => []);
  const generation = new Map<number, number>();
  const cancelled = new Set<number>();
  const follow = (s: number, gen: number, now: number) => {
    const h = mix(s, gen, now);
    // every program dies out: no follow-ups past generation 8
    const count = gen < 8 ? [2, 1, 1, 0][h % 4] : 0;
    // the last follow-up, a normal one, comes last of all: with atOnce it runs at once when runsNext allows
    let chainAt = -1;
    for (let k = 0; k < count; k++) {
      const g = mix(h, k);
      const at = now + (g % 4 === 0 ? 0 : g % 60);
      if (k === count - 1 && g % 5 >= 2) chainAt = at;
      else if (g % 5 === 0) sim.scheduleLate(at, LATE_OWN, s, gen + 1, 1 + (g % 2));
      else if (g % 5 === 1) {
        const id = s * 100_000 + numbered[s]++;
        generation.set(id, gen + 1);
        waiting[s].push({ id, handle: sim.scheduleCancellable(at, CANCELLABLE, s, id) });
      } else sim.schedule(at, OWN, s, gen + 1);
    }
    // now and then the oldest cancellable event still waiting is taken back
    if (h % 3 === 0 && waiting[s].length > 0) {
      const { id, handle } = waiting[s].shift()!;
      if (handle >= 0) sim.cancel(s, handle);
      else cancelled.add(id);
    }
    if (chainAt < 0) return;
    if (atOnce && sim.runsNext(s, chainAt)) own(false)(s, gen + 1, chainAt);
    else sim.schedule(chainAt, OWN, s, gen + 1);
  };
  const own = (late: boolean) => (s: number, data: number, now: number) => {
    if (traces[s].push(`${late ? "L" : "N"}${data}@${now}`) > 20_000) throw new Error("runaway program");
    ran[s]++;
    follow(s, data, now);
  };
  sim.on(OWN, own(false));
  sim.on(LATE_OWN, own(true));
  sim.on(CANCELLABLE, (s, id, now) => {
    if (cancelled.has(id)) return;
    waiting[s] = waiting[s].filter((w) => w.id !== id);
    traces[s].push(`C${id}@${now}`);
    ran[s]++;
    follow(s, generation.get(id)!, now);
  });
  sim.onShared(SHARED, (_s, data, now) => {
    sharedTrace.push(`${data}@${now}:${ran.join(",")}`);
    const h = mix(data, now);
    for (let k = 0; k < 3; k++) sim.schedule(now + (mix(h, k) % 40), OWN, mix(h, k, 7) % p.subjects, k);
    if (h % 2 === 0) sim.schedule(now + 1 + (h % 300), SHARED, 0, data + 1);
  });
  for (const [s, t, d] of p.starts) sim.schedule(t, OWN, s, d);
  for (const [t, d] of p.shared) sim.schedule(t, SHARED, 0, d);
  for (const until of [...p.slices].sort((a, b) => a - b)) {
    while (!sim.run(until, p.budget)) {
      // cut short by the budget: carries on from where it stopped
    }
  }
  sim.run(horizonUs);
  return { traces, sharedTrace, events: sim.events };
}

const program: fc.Arbitrary<Program> = fc
  .integer({ min: 1, max: 6 })
  .chain((subjects) =>
    fc.record({
      subjects: fc.constant(subjects),
      starts: fc.array(fc.tuple(fc.integer({ min: 0, max: subjects - 1 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5 })), { maxLength: 12 }),
      shared: fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 99 })), { maxLength: 4 }),
      slices: fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 4 }),
      budget: fc.integer({ min: 1, max: 50 }),
    }),
  );

describe("timelines", () => {
  it("run every subject's events in the heap's order, and each shared event after exactly what comes before it", () => {
    fc.assert(
      fc.property(program, (p) => {
        const heap = play(p, false);
        const lines = play(p, true);
        expect(lines.traces).toEqual(heap.traces);
        expect(lines.sharedTrace).toEqual(heap.sharedTrace);
        // the heap runs the cancelled events (ignored); timelines never do
        expect(lines.events).toBeLessThanOrEqual(heap.events);
      }),
      { numRuns: 300 },
    );
  });

  it("let a subject run an event at once where runsNext says it would be its next (before the next shared one): the heap's order", () => {
    fc.assert(
      fc.property(program, (p) => {
        const heap = play(p, false);
        const lines = play(p, true, true);
        expect(lines.traces).toEqual(heap.traces);
        expect(lines.sharedTrace).toEqual(heap.sharedTrace);
        expect(lines.events).toBeLessThanOrEqual(heap.events);
      }),
      { numRuns: 300 },
    );
  });

  it("say no event runs next where one of the subject's waits as early (a tie), at the horizon, at a shared event, or without timelines", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    sim.onShared(SHARED, () => {});
    sim.on(OWN, () => {});
    sim.schedule(100, OWN, 0, 0);
    sim.schedule(500, SHARED, 0, 0);
    expect(sim.runsNext(0, 99)).toBe(true);
    expect(sim.runsNext(0, 100)).toBe(false);
    expect(sim.runsNext(1, 499)).toBe(true);
    expect(sim.runsNext(1, 500)).toBe(false);
    expect(sim.runsNext(1, 1000)).toBe(false);
    const plain = new Simulator({ horizonUs: 1000 });
    expect(plain.runsNext(0, 1)).toBe(false);
  });

  it("refuse a subject's event scheduling a shared event at or before an instant a subject ran at once", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    sim.onShared(SHARED, () => {});
    // subject 0 runs ahead to 300 at once; subject 1's event at 50 then schedules a shared event at 200
    sim.on(OWN, (s, _d, now) => {
      if (s === 0) expect(sim.runsNext(0, 300)).toBe(true);
      else sim.schedule(200, SHARED, 0, 0);
    });
    sim.schedule(10, OWN, 0, 0);
    sim.schedule(50, OWN, 1, 0);
    expect(() => sim.run(100)).toThrow(/scheduled a shared event \(kind 2\) at 200 us, not after 300 us, which a subject ran at once/);
  });

  it("keep the clock at the event that runs and at `until` after a run", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    const seen: number[] = [];
    sim.on(OWN, (_s, _d, now) => seen.push(now, sim.now));
    sim.schedule(30, OWN, 1, 0);
    sim.schedule(20, OWN, 0, 0);
    expect(sim.run(25)).toBe(true);
    expect(seen).toEqual([20, 20]);
    expect(sim.now).toBe(25);
    expect(sim.run(1e9)).toBe(true);
    expect(seen).toEqual([20, 20, 30, 30]);
    expect(sim.now).toBe(1000);
  });

  it("refuse a subject's event scheduling for another subject", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    sim.on(OWN, (s, _d, now) => sim.schedule(now + 1, OWN, 1 - s, 0));
    sim.schedule(5, OWN, 0, 0);
    expect(() => sim.run(100)).toThrow(/subject 0's event scheduled an event \(kind 0\) for subject 1/);
  });

  it("refuse a subject's event scheduling a shared event before the barrier", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    sim.onShared(SHARED, () => {});
    sim.on(OWN, (_s, _d, now) => sim.schedule(now + 1, SHARED, 0, 0));
    sim.schedule(5, OWN, 0, 0);
    expect(() => sim.run(100)).toThrow(/scheduled a shared event \(kind 2\) at 6 us, before the barrier/);
  });

  it("take a shared event a subject schedules at or after the barrier", () => {
    const sim = new Simulator({ horizonUs: 1000, timelines: 2 });
    const log: string[] = [];
    sim.onShared(SHARED, (_s, d, now) => log.push(`shared${d}@${now}`));
    sim.on(OWN, (s, _d, now) => {
      log.push(`own${s}@${now}`);
      if (s === 0) sim.schedule(now + 100, SHARED, 0, 1);
    });
    sim.schedule(5, OWN, 0, 0);
    sim.schedule(200, OWN, 1, 0);
    expect(sim.run(10)).toBe(true);
    expect(sim.run(1000)).toBe(true);
    expect(log).toEqual(["own0@5", "shared1@105", "own1@200"]);
  });
});
