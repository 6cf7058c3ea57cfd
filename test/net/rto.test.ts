// Linux's retransmission timer against RFC 6298's rules and Linux's own
// (net/ipv4/tcp_input.c, tcp_rtt_estimator), each expectation derived by
// hand in the comment above it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RtoEstimator } from "../../src/net/rto.js";
import { Ticks } from "../../src/net/ticks.js";

const MS = 1000;
const linux = { rtoMinUs: 200 * MS, rtoMaxUs: 120_000 * MS };

function fresh(plan = linux): RtoEstimator {
  return new RtoEstimator(1, plan);
}

describe("the retransmission timer", () => {
  it("is 1 s before the first sample (RFC 6298 2.1) and doubles on each expiry, up to rto_max (5.5)", () => {
    const e = fresh();
    const seen = [e.rtoUs(0)];
    for (let k = 0; k < 10; k++) {
      e.expired(0);
      seen.push(e.rtoUs(0));
    }
    // 1, 2, 4, ..., 512 s, then held at 120 s from the eighth doubling on
    expect(seen).toEqual([1, 2, 4, 8, 16, 32, 64, 120, 120, 120, 120].map((s) => s * 1000 * MS));
  });

  it("takes the first sample R as SRTT = R, RTO = R + max(2R, rto_min) (RFC 6298 2.2: R + 4 R/2, floored by rto_min)", () => {
    for (const rMs of [0.05, 30, 99, 100, 150, 2500]) {
      const e = fresh();
      const r = Math.round(rMs * MS);
      e.sample(0, r, 1, 2);
      expect(e.srttUs(0)).toBe(r);
      expect(e.baseRtoUs(0)).toBe(r + Math.max(2 * r, 200 * MS));
    }
  });

  it("is kept in whole jiffies, rounded up (__tcp_set_rto's usecs_to_jiffies), its doublings too", () => {
    // HZ 250: a first sample of 30 µs gives 30 + 200 000 µs -> 51 jiffies = 204 ms, the rto:204 ss shows
    // on loopback; doubled, 408 and 816 ms. A first sample of 70 ms: 70 + 200 = 270 ms, already whole (67.5 -> 68 jiffies = 272 ms).
    const e = new RtoEstimator(2, linux, new Ticks(250));
    e.sample(0, 30, 1, 2);
    e.sample(1, 70 * MS, 1, 2);
    expect(e.baseRtoUs(0)).toBe(204 * MS);
    expect(e.baseRtoUs(1)).toBe(272 * MS);
    e.expired(0);
    expect(e.rtoUs(0)).toBe(408 * MS);
    e.expired(0);
    expect(e.rtoUs(0)).toBe(816 * MS);
    // before any sample: 1 s, a whole 250 jiffies
    expect(new RtoEstimator(1, linux, new Ticks(250)).rtoUs(0)).toBe(1000 * MS);
  });

  it("moves SRTT by 1/8 of the error and the variation by 1/4 of |error| less itself (RFC 6298 2.3)", () => {
    const e = fresh({ rtoMinUs: 1, rtoMaxUs: 120_000 * MS });
    // R1 = 80 ms: SRTT 80, 4 RTTVAR = 160 (RTO 240)
    e.sample(0, 80 * MS, 1, 2);
    expect(e.baseRtoUs(0)).toBe(240 * MS);
    // R2 = 160 ms: SRTT = 80 + (160 - 80)/8 = 90; 4 RTTVAR = 3/4 160 + |160 - 80| = 200: RTO 290
    e.sample(0, 160 * MS, 2, 3);
    expect(e.srttUs(0)).toBe(90 * MS);
    expect(e.baseRtoUs(0)).toBe(290 * MS);
    // R3 = 90 ms = SRTT: no error; 4 RTTVAR = 3/4 200 = 150, and the variation term
    // falls a quarter of the way from 200 to this window's largest (150): 187.5 -> RTO 277.5 (whole µs: 277_500)
    e.sample(0, 90 * MS, 3, 4);
    expect(e.srttUs(0)).toBe(90 * MS);
    expect(e.baseRtoUs(0)).toBe(90 * MS + 187_500);
  });

  it("moves the variation by 1/32 only when the RTT falls (Linux's damping of a falling RTT)", () => {
    const e = fresh({ rtoMinUs: 1, rtoMaxUs: 120_000 * MS });
    e.sample(0, 800 * MS, 1, 2); // SRTT 800, mdev x4 = 1600
    // R = 0: error -800, SRTT 700; |error| - mdev = 800 - 400 = 400 -> 400/8 = 50: mdev x4 = 1650, not 1600 - 400 + 800 = 2000 (RFC)
    // the variation term rises to it (1650), then decays a quarter of the way to this window's largest (also 1650)
    e.sample(0, 0, 2, 3);
    expect(e.srttUs(0)).toBe(700 * MS);
    expect(e.baseRtoUs(0)).toBe((700 + 1650) * MS);
  });

  it("settles at RTT + rto_min under a steady RTT", () => {
    const e = fresh();
    for (let k = 1; k <= 200; k++) e.sample(0, 30 * MS, k, k + 1);
    expect(e.srttUs(0)).toBe(30 * MS);
    expect(e.baseRtoUs(0)).toBe(230 * MS);
  });

  it("climbs towards a second when samples carry a retransmission's delay (the issue's ss -ti readings)", () => {
    // a loopback connection (RTT 50 µs) whose answers are now and then retransmitted after ~200 ms:
    // each such sample lifts the variation to its error at once; steady samples take it down a quarter a window
    const e = fresh();
    for (let k = 1; k <= 50; k++) e.sample(0, 50, k, k + 1);
    expect(e.baseRtoUs(0)).toBe(50 + 200 * MS); // quiet: 200.05 ms
    const rtos: number[] = [];
    let seq = 51;
    for (const delayMs of [240, 440, 650]) {
      e.sample(0, delayMs * MS, seq, seq + 1);
      seq++;
      rtos.push(e.baseRtoUs(0));
    }
    // first: SRTT = (8 x 50 + 240000 - 50)/8 = 30043.75 -> 30043 (whole µs in the floor), mdev x4 ~ 240 ms
    expect(rtos[0]).toBeGreaterThan(260 * MS);
    expect(rtos[0]).toBeLessThan(275 * MS);
    expect(rtos[2]).toBeGreaterThan(900 * MS);
    expect(rtos[0] < rtos[1] && rtos[1] < rtos[2]).toBe(true);
  });

  it("resets the backoff at a sample (RFC 6298 5.7) and never exceeds rto_max", () => {
    const e = fresh();
    e.sample(0, 40 * MS, 1, 2);
    e.expired(0);
    e.expired(0);
    expect(e.rtoUs(0)).toBe(4 * 240 * MS);
    e.sample(0, 40 * MS, 2, 3);
    expect(e.backoff(0)).toBe(0);
    expect(e.rtoUs(0)).toBe(e.baseRtoUs(0));
    for (let k = 0; k < 40; k++) e.expired(0);
    expect(e.rtoUs(0)).toBe(120_000 * MS);
  });

  it("keeps RTO >= SRTT + rto_min and RTO <= rto_max for any samples", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 60 }), (samples) => {
        const e = fresh();
        samples.forEach((r, k) => e.sample(0, r, k + 1, k + 2));
        const rto = e.baseRtoUs(0);
        return rto >= Math.floor(e.srttUs(0)) + 200 * MS - 1 || rto === 120_000 * MS;
      }),
    );
  });
});
