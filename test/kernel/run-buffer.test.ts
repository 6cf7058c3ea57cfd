// One calendar bucket's sort: by (time, phase), ties in staging (insertion)
// order, on each of its paths: insertion sort (tiny runs), the packed
// key+index sorts (insertion for a few dozen, slots by top bits for more,
// native when many keys share a slot), the stable radix sort (key and index
// do not fit 31 bits together). Checked against a plain stable sort.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_PHASE, PHASE_BITS } from "../../src/kernel/order.js";
import { RunBuffer } from "../../src/kernel/run-buffer.js";

interface Entry {
  readonly time: number;
  readonly phase: number;
}

function sorted(startUs: number, keyBits: number, entries: readonly Entry[]) {
  const run = new RunBuffer();
  entries.forEach((e, k) => run.stage(startUs + e.time, e.phase, k, 1000 + k));
  run.sortStaged(startUs, keyBits);
  const out: { time: number; phase: number; payload: number; data: number }[] = [];
  for (let k = run.pos; k < run.len; k++) out.push({ time: run.time[k], phase: run.phase[k], payload: run.payload[k], data: run.data[k] });
  return out;
}

function reference(startUs: number, entries: readonly Entry[]) {
  return entries
    .map((e, k) => ({ time: startUs + e.time, phase: e.phase, payload: k, data: 1000 + k }))
    .sort((a, b) => a.time - b.time || a.phase - b.phase || a.payload - b.payload); // Array.prototype.sort is stable
}

const entries = (spanBits: number, maxLength: number) =>
  fc.array(
    fc.record({
      // few distinct times, so ties are common
      time: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** spanBits - 1 })),
      phase: fc.integer({ min: 0, max: MAX_PHASE }),
    }),
    { maxLength },
  );

describe("a bucket's sort", () => {
  test("tiny and usual runs (insertion, packed: insertion, slots, native)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 2 ** 40 }), (spanBits, start) =>
        fc.assert(
          fc.property(entries(spanBits, 600), (es) => {
            expect(sorted(start, spanBits + PHASE_BITS, es)).toEqual(reference(start, es));
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 40 },
    );
  });

  test("runs whose key and index do not fit 31 bits (radix), buckets as wide as they get", () => {
    fc.assert(
      fc.property(entries(28, 300), fc.integer({ min: 0, max: 2 ** 40 }), (es, start) => {
        expect(sorted(start, 28 + PHASE_BITS, es)).toEqual(reference(start, es));
      }),
      { numRuns: 100 },
    );
  });

  test("a burst of ties (a global tick) keeps insertion order", () => {
    const es = Array.from({ length: 5000 }, (_, k) => ({ time: 7, phase: k % 4 }));
    expect(sorted(1e9, 21, es)).toEqual(reference(1e9, es));
  });
});

describe("the slot sort of packed keys", () => {
  // Evenly spread times (a usual bucket) take the slot path; checked against
  // the reference with every time distinct and with pairs of equal times.
  test("evenly spread times, distinct or in pairs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 49, max: 3000 }), fc.boolean(), fc.integer({ min: 0, max: 2 ** 40 }), (n, pairs, start) => {
        const es = Array.from({ length: n }, (_, k) => ({ time: (pairs ? k >> 1 : k) * 37 % 65536, phase: k % 5 === 0 ? 1 + (k % 3) : 0 }));
        expect(sorted(start, 16 + PHASE_BITS, es)).toEqual(reference(start, es));
      }),
      { numRuns: 60 },
    );
  });
});
