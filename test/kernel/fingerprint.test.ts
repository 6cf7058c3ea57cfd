// A fingerprint must identify a trajectory: equal sequences agree, and any
// single change to one event (time, kind or subject) or to the order shows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fingerprint } from "../../src/kernel/fingerprint.js";
import { MAX_KINDS, MAX_SUBJECT, Simulator } from "../../src/kernel/simulator.js";

type Ev = [time: number, kind: number, subject: number];

function hexOf(events: readonly Ev[]): string {
  const f = new Fingerprint();
  for (const [t, k, s] of events) f.add(t, k, s);
  return f.hex();
}

// times span past 2^32 µs (71 minutes) so the high word matters too
const time = fc.integer({ min: 0, max: 2 ** 50 });
const kind = fc.integer({ min: 0, max: MAX_KINDS - 1 });
const subject = fc.integer({ min: 0, max: MAX_SUBJECT });
const event = fc.tuple(time, kind, subject) as fc.Arbitrary<Ev>;
const events = fc.array(event, { minLength: 1, maxLength: 40 });

describe("Fingerprint", () => {
  it("is 16 lowercase hex digits, also for an empty trajectory", () => {
    expect(new Fingerprint().hex()).toMatch(/^[0-9a-f]{16}$/);
    fc.assert(fc.property(events, (es) => /^[0-9a-f]{16}$/.test(hexOf(es))));
  });

  it("is the same for the same sequence", () => {
    fc.assert(fc.property(events, (es) => hexOf(es) === hexOf(es.map((e) => [...e] as Ev))));
  });

  it("changes when one event's time, kind or subject changes", () => {
    const field = fc.integer({ min: 0, max: 2 });
    fc.assert(
      fc.property(events, fc.nat(), field, time, kind, subject, (es, at, f, t, k, s) => {
        const i = at % es.length;
        const changed = es.map((e) => [...e] as Ev);
        changed[i][f] = [t, k, s][f];
        fc.pre(changed[i][f] !== es[i][f]);
        return hexOf(changed) !== hexOf(es);
      }),
      { numRuns: 2000 },
    );
  });

  it("changes on off-by-one edits: time ±1, 2^32 apart, neighbouring kind or subject", () => {
    const base: Ev[] = [[1000, 3, 7], [2 ** 32 + 5, 0, 0], [2 ** 40, MAX_KINDS - 1, MAX_SUBJECT]];
    const h = hexOf(base);
    const edits: Ev[] = [[1001, 3, 7], [999, 3, 7], [1000 + 2 ** 32, 3, 7], [1000, 2, 7], [1000, 4, 7], [1000, 3, 6], [1000, 3, 8]];
    for (const e of edits) expect(hexOf([e, base[1], base[2]]), `edit ${e}`).not.toBe(h);
  });

  it("depends on the order of distinct events", () => {
    fc.assert(
      fc.property(event, event, (a, b) => {
        fc.pre(a.join() !== b.join());
        return hexOf([a, b]) !== hexOf([b, a]);
      }),
    );
  });

  it("is what the simulator reports for the events it ran", () => {
    const sim = new Simulator({ horizonUs: 2 ** 40 });
    for (let k = 0; k < 3; k++) sim.on(k, () => {});
    sim.schedule(5 * 2 ** 32, 2, 9, 0);
    sim.schedule(10, 1, 4, 0);
    sim.scheduleLate(10, 0, 3, 0);
    sim.run(2 ** 40);
    expect(sim.fingerprint()).toBe(hexOf([[10, 1, 4], [10, 0, 3], [5 * 2 ** 32, 2, 9]]));
  });
});
