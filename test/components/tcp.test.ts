// TCP timing against its closed forms: k losses add rtoMin (2^k - 1) (RTOs
// capped at rtoMax), the sender gives up after retries + 1 RTOs (Linux
// 200 ms / 120 s / 15: 924.6 s), and each direction delivers in order.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BROKEN, giveUpAfterUs, rtoUs, TcpDirection, transmissionAtUs, type TcpPlan } from "../../src/net/tcp.js";

const S = 1_000_000;
const LINUX: TcpPlan = { kind: "tcp", rtoMinUs: 200_000, rtoMaxUs: 120 * S, retries: 15 };
const LOST = -1;

/** a transmit that loses the first `losses` transmissions, then delivers after delayUs; records the times */
function lossesThen(losses: number, delayUs: number, times: number[] = []) {
  let n = 0;
  return (_i: number, atUs: number) => {
    times.push(atUs);
    return n++ < losses ? LOST : delayUs;
  };
}

describe("retransmission timing", () => {
  test("k losses delay delivery by rtoMin (2^k - 1) while the RTO is below its cap", () => {
    const tcp = new TcpDirection(LINUX, 1);
    for (let k = 0; k <= 9; k++) {
      tcp.reset(0);
      const sent = 1000 * S;
      expect(tcp.send(0, sent, lossesThen(k, 40_000))).toBe(sent + 200_000 * (2 ** k - 1) + 40_000);
      expect(tcp.transmissions).toBe(k + 1);
    }
  });

  test("RTOs double from rtoMin and stop at rtoMax", () => {
    const rtos = Array.from({ length: 16 }, (_, k) => rtoUs(LINUX, k) / S);
    expect(rtos).toEqual([0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 120, 120, 120, 120, 120, 120]);
    // 12 losses: 0.2 * (2^10 - 1) = 204.6 s uncapped, then two capped RTOs
    const tcp = new TcpDirection(LINUX, 1);
    expect(tcp.send(0, 0, lossesThen(12, 0))).toBe(204.6 * S + 2 * 120 * S);
  });

  test("transmit is asked at the first transmission and at each RTO expiry", () => {
    const times: number[] = [];
    new TcpDirection(LINUX, 1).send(0, 5 * S, lossesThen(4, 10_000, times));
    expect(times).toEqual([5, 5.2, 5.6, 6.4, 8].map((s) => Math.round(s * S)));
    expect(times.map((_, k) => transmissionAtUs(LINUX, 5 * S, k))).toEqual(times);
  });

  test("Linux defaults: the sender gives up 924.6 s after the first transmission", () => {
    expect(giveUpAfterUs(LINUX)).toBe(924.6 * S);
    const tcp = new TcpDirection(LINUX, 1);
    expect(tcp.send(0, 10 * S, () => LOST)).toBe(BROKEN);
    expect(tcp.transmissions).toBe(16);
    expect(tcp.brokenAtUs).toBe(10 * S + 924.6 * S);
  });

  test("broken exactly after `retries` failed retransmissions; one fewer loss still delivers", () => {
    const plan: TcpPlan = { kind: "tcp", rtoMinUs: S, rtoMaxUs: 8 * S, retries: 3 };
    const tcp = new TcpDirection(plan, 1);
    expect(tcp.send(0, 0, lossesThen(3, 0))).toBe((1 + 2 + 4) * S);
    expect(tcp.transmissions).toBe(4);
    expect(tcp.send(0, 100 * S, lossesThen(4, 0))).toBe(BROKEN);
    expect(tcp.brokenAtUs).toBe(100 * S + (1 + 2 + 4 + 8) * S);
    const none: TcpPlan = { ...plan, retries: 0 };
    expect(new TcpDirection(none, 1).send(0, 0, () => LOST)).toBe(BROKEN);
  });
});

describe("in-order delivery", () => {
  test("a late segment holds back the next; another client is not held back", () => {
    const tcp = new TcpDirection(LINUX, 2);
    const first = tcp.send(0, 0, lossesThen(3, 50_000)); // 1.4 s + 50 ms
    expect(tcp.send(0, 100_000, lossesThen(0, 50_000))).toBe(first);
    expect(tcp.send(1, 100_000, lossesThen(0, 50_000))).toBe(150_000);
    tcp.reset(0); // a new connection starts afresh
    expect(tcp.send(0, 200_000, lossesThen(0, 50_000))).toBe(250_000);
  });

  test("deliveries never decrease and equal max(own arrival, previous delivery) (fast-check)", () => {
    const segment = fc.record({
      gapUs: fc.integer({ min: 0, max: 5 * S }),
      losses: fc.integer({ min: 0, max: 6 }),
      delayUs: fc.integer({ min: 0, max: 3 * S }),
    });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 30 }), (segments) => {
        const tcp = new TcpDirection(LINUX, 1);
        let sent = 0;
        let previous = -Infinity;
        for (const { gapUs, losses, delayUs } of segments) {
          sent += gapUs;
          const own = transmissionAtUs(LINUX, sent, losses) + delayUs;
          const delivered = tcp.send(0, sent, lossesThen(losses, delayUs));
          expect(delivered).toBe(Math.max(own, previous));
          expect(delivered).toBeGreaterThanOrEqual(previous);
          previous = delivered;
        }
      }),
    );
  });
});
