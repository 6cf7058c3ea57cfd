// A delay's whole µs (src/net/delay/whole-us.ts) is Math.round's nearest
// integer, halves up, for every double: its cheaper form must slip nowhere,
// least of all where floor(x + 0.5) does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toUs } from "../../src/net/delay/whole-us.js";

const reference = (x: number) => (x > 0 ? Math.round(x) : 0);

describe("a delay in whole µs", () => {
  it("is Math.round's at the values where floor(x + 0.5) slips, at halves, and at the ends", () => {
    const twoTo52 = 2 ** 52;
    const cases = [0.49999999999999994, 0.5, 1.5, 2.5, twoTo52 - 0.5, twoTo52 + 1, twoTo52 + 3, 2 ** 53 - 1, 2 ** 53, 2 ** 60, Number.MAX_VALUE, Infinity];
    cases.push(0, -0, -1, -0.5, Number.MIN_VALUE, NaN, -Infinity);
    for (const x of cases) expect(toUs(x), String(x)).toBe(reference(x));
    // the slips themselves: floor(x + 0.5) is off by one here
    expect(Math.floor(0.49999999999999994 + 0.5)).toBe(1);
    expect(Math.floor(twoTo52 + 1 + 0.5)).toBe(twoTo52 + 2);
  });

  it("is Math.round's for any double, and for delays near every half", () => {
    fc.assert(fc.property(fc.double({ noNaN: false }), (x) => toUs(x) === reference(x)), { numRuns: 20_000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: -3, max: 3 }), (n, ulps) => {
        let x = n + 0.5;
        for (let k = 0; k < Math.abs(ulps); k++) x = ulps > 0 ? nextUp(x) : nextDown(x);
        return toUs(x) === reference(x);
      }),
      { numRuns: 20_000 },
    );
  });
});

const view = new DataView(new ArrayBuffer(8));
function nextUp(x: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}
function nextDown(x: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}
