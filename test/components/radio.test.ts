// The radio state machine against the closed forms of the research notes
// (section 6): E_hb = promotion * P_pro + tail * P_tail per isolated
// activity, (3600 / eta) * E_hb per hour when eta >= promotion + tail, and
// about 3600 * P_tail per hour when the tail never runs out.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Radios } from "../../src/model/components/radio.js";
import { RADIO_PRESETS } from "../../src/scenario/schema-radio.js";
import type { RadioPlan } from "../../src/scenario/plan.js";
import { S } from "../support/plan.js";

const HOUR = 3600 * S;
const LTE = RADIO_PRESETS.lte;
const ehbJ = (r: RadioPlan) => (r.promotionUs * r.promotionW + r.tailUs * r.tailW) / S;

/** one client, activity every etaUs from 0 while t < HOUR */
function periodic(r: RadioPlan, etaUs: number): Radios {
  const radios = new Radios(1, r);
  for (let t = 0; t < HOUR; t += etaUs) radios.activity(0, t);
  radios.finish(HOUR);
  return radios;
}

describe("closed forms", () => {
  test("an isolated activity costs promotion * P_pro + tail * P_tail, one wake-up", () => {
    for (const r of Object.values(RADIO_PRESETS)) {
      const radios = new Radios(1, r);
      radios.activity(0, 5 * S);
      radios.finish(HOUR);
      expect(radios.energyJ).toBeCloseTo(ehbJ(r), 9);
      expect(radios.wakeups).toBe(1);
    }
    expect(ehbJ(LTE)).toBeCloseTo(0.3146 + 12.50208, 9); // 12.8 J
    expect(ehbJ(RADIO_PRESETS["3g"])).toBeCloseTo(9.75, 9);
  });

  test("periodic activity every eta >= promotion + tail costs (3600 / eta) * E_hb per hour", () => {
    const lte30 = periodic(LTE, 30 * S);
    expect(lte30.wakeups).toBe(120);
    expect(lte30.energyJ).toBeCloseTo(120 * ehbJ(LTE), 6); // 1538.0 J
    // the research table's 1532 J/h rounds E_hb to 12.77 J
    expect(Math.abs(lte30.energyJ / 1532 - 1)).toBeLessThan(0.005);
    // divisors of 3600, so an hour holds whole periods
    for (const etaS of [60, 120, 300, 600]) {
      expect(periodic(LTE, etaS * S).energyJ).toBeCloseTo((3600 / etaS) * ehbJ(LTE), 6);
      expect(periodic(RADIO_PRESETS["3g"], etaS * S).energyJ).toBeCloseTo((3600 / etaS) * 9.75, 6);
    }
  });

  test("eta exactly promotion + tail: each activity finds the radio just idle", () => {
    const etaUs = LTE.promotionUs + LTE.tailUs;
    const radios = periodic(LTE, etaUs);
    const n = Math.ceil(HOUR / etaUs);
    expect(radios.wakeups).toBe(n);
    // the last session is cut at the end of the hour
    const lastStart = (n - 1) * etaUs;
    const cut = (LTE.promotionUs * LTE.promotionW + (HOUR - lastStart - LTE.promotionUs) * LTE.tailW) / S;
    expect(radios.energyJ).toBeCloseTo((n - 1) * ehbJ(LTE) + Math.min(cut, ehbJ(LTE)), 6);
  });

  test("eta < tail: the radio never idles, 3600 * P_tail per hour after the first promotion", () => {
    const radios = periodic(LTE, 10 * S);
    expect(radios.wakeups).toBe(1);
    const exact = (LTE.promotionUs * LTE.promotionW + (HOUR - LTE.promotionUs) * LTE.tailW) / S;
    expect(radios.energyJ).toBeCloseTo(exact, 6);
    expect(radios.energyJ / (3600 * LTE.tailW)).toBeCloseTo(1, 3);
  });

  test("two activities inside one tail: one wake-up, the tail restarts from the second", () => {
    const radios = new Radios(1, LTE);
    const second = LTE.promotionUs + LTE.tailUs / 2;
    radios.activity(0, 0);
    radios.activity(0, second);
    radios.finish(HOUR);
    expect(radios.wakeups).toBe(1);
    const expected = LTE.promotionUs * LTE.promotionW + (second + LTE.tailUs - LTE.promotionUs) * LTE.tailW;
    expect(radios.energyJ).toBeCloseTo(expected / S, 9);
  });

  test("activity during the promotion adds nothing: the tail starts when the promotion ends", () => {
    const radios = new Radios(1, LTE);
    radios.activity(0, 0);
    radios.activity(0, LTE.promotionUs / 2);
    radios.activity(0, LTE.promotionUs / 2); // same instant again: no effect
    radios.finish(HOUR);
    expect(radios.wakeups).toBe(1);
    expect(radios.energyJ).toBeCloseTo(ehbJ(LTE), 9);
  });
});

describe("bookkeeping", () => {
  test("clients are independent; finish cuts open sessions at the end", () => {
    const radios = new Radios(3, LTE);
    radios.activity(0, 0);
    radios.activity(2, HOUR - 1 * S); // promotion done, 0.74 s of tail before the end
    expect(radios.isUp(0, 1 * S)).toBe(true);
    expect(radios.isUp(1, 1 * S)).toBe(false);
    radios.finish(HOUR);
    const cut = LTE.promotionUs * LTE.promotionW + (1 * S - LTE.promotionUs) * LTE.tailW;
    expect(radios.energyJ).toBeCloseTo(ehbJ(LTE) + cut / S, 9);
    expect(radios.wakeups).toBe(2);
  });

  test("activity before the current session started is refused", () => {
    const radios = new Radios(1, LTE);
    radios.activity(0, 10 * S);
    expect(() => radios.activity(0, 9 * S)).toThrow(RangeError);
  });

  test("matches a millisecond-by-millisecond reading of the rules (fast-check)", () => {
    const plan: RadioPlan = { name: "custom", promotionUs: 3_000, promotionW: 2, tailUs: 7_000, tailW: 1 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 12 }), (raw) => {
        const times = [...raw].sort((a, b) => a - b); // ms
        const radios = new Radios(1, plan);
        for (const t of times) radios.activity(0, t * 1000);
        radios.finish(100_000);
        // reference: walk each ms with the rules as written
        let energyWMs = 0;
        let wakeups = 0;
        let promoEnd = -1;
        let idleAt = -1;
        let k = 0;
        for (let ms = 0; ms < 100; ms++) {
          for (; k < times.length && times[k] === ms; k++) {
            if (ms >= idleAt) {
              wakeups++;
              promoEnd = ms + 3;
              idleAt = ms + 10;
            } else idleAt = Math.max(idleAt, Math.max(promoEnd, ms) + 7);
          }
          if (ms < promoEnd && ms >= promoEnd - 3) energyWMs += 2;
          else if (ms < idleAt) energyWMs += 1;
        }
        expect(radios.wakeups).toBe(wakeups);
        expect(radios.energyJ).toBeCloseTo(energyWMs * 1e-3, 9);
      }),
    );
  });
});
