// TCP timing against its closed forms: k losses add rtoMin (2^k - 1) (RTOs
// capped at rtoMax), the sender gives up after retries + 1 RTOs (Linux
// 200 ms / 120 s / 15: 924.6 s); and in-order delivery: whatever order
// segments arrive in, they are handed on in sequence order, each at the
// later of its own arrival and the delivery of the one before it.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { InOrder } from "../../src/net/in-order.js";
import { SegmentPool } from "../../src/net/segments.js";
import { giveUpAfterUs, rtoUs, transmissionAtUs } from "../../src/net/tcp.js";
import { S } from "../support/plan.js";
import { tcpPlan } from "../support/tcp.js";

const LINUX = tcpPlan(200_000, 120 * S, 15);

describe("retransmission timing", () => {
  test("k losses delay the (k+1)-th transmission by rtoMin (2^k - 1) while the RTO is below its cap", () => {
    for (let k = 0; k <= 9; k++) expect(transmissionAtUs(LINUX, 1000 * S, k)).toBe(1000 * S + 200_000 * (2 ** k - 1));
  });

  test("RTOs double from rtoMin and stop at rtoMax", () => {
    const rtos = Array.from({ length: 16 }, (_, k) => rtoUs(LINUX, k) / S);
    expect(rtos).toEqual([0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 120, 120, 120, 120, 120, 120]);
    // 12 losses: 0.2 * (2^10 - 1) = 204.6 s uncapped, then two capped RTOs
    expect(transmissionAtUs(LINUX, 0, 12)).toBe(204.6 * S + 2 * 120 * S);
  });

  test("Linux defaults: the sender gives up 924.6 s after the first transmission", () => {
    expect(giveUpAfterUs(LINUX)).toBe(924.6 * S);
    expect(giveUpAfterUs(tcpPlan(S, 8 * S, 3))).toBe((1 + 2 + 4 + 8) * S);
    expect(giveUpAfterUs(tcpPlan(S, 8 * S, 0))).toBe(S);
  });
});

describe("segment pool", () => {
  test("slots are reused last-freed-first and the pool grows past its capacity", () => {
    const pool = new SegmentPool(2);
    const a = pool.alloc(11, 1, 0, true, 5);
    const b = pool.alloc(12, 1, 1, true, 6);
    const c = pool.alloc(13, 1, 2, false, 7); // grows
    expect([a, b, c]).toEqual([0, 1, 2]);
    expect([pool.word[c], pool.seq[c], pool.up[c], pool.firstUs[c], pool.sends[c]]).toEqual([13, 2, 0, 7, 0]);
    expect(pool.word[a]).toBe(11);
    pool.free(b);
    pool.free(a);
    expect(pool.live).toBe(1);
    expect(pool.alloc(14, 2, 0, true, 8)).toBe(a);
    expect(pool.alloc(15, 2, 1, true, 9)).toBe(b);
  });
});

/** numbers `n` segments of client 0 on connection conn, in send order */
function send(order: InOrder, pool: SegmentPool, conn: number, n: number): number[] {
  return Array.from({ length: n }, () => pool.alloc(0, conn, order.number(0, conn), true, 0));
}

/** hands slot s to the receiver; returns the slots delivered, in order */
function arrive(order: InOrder, s: number): number[] {
  if (!order.arrive(0, s)) return [];
  const out = [s];
  for (let h = order.nextHeld(0); h >= 0; h = order.nextHeld(0)) out.push(h);
  return out;
}

describe("in-order delivery", () => {
  test("a late segment holds back the ones behind it; another client is not held back", () => {
    const pool = new SegmentPool();
    const order = new InOrder(pool, 2);
    const [s0, s1, s2] = send(order, pool, 1, 3);
    expect(arrive(order, s1)).toEqual([]);
    expect(arrive(order, s2)).toEqual([]);
    const other = pool.alloc(0, 1, order.number(1, 1), true, 0);
    expect(order.arrive(1, other)).toBe(true);
    expect(arrive(order, s0)).toEqual([s0, s1, s2]);
  });

  test("a new connection starts afresh, drops what the old one held, and lets the old one's stragglers through", () => {
    const pool = new SegmentPool();
    const order = new InOrder(pool, 1);
    const [old0, old1] = send(order, pool, 1, 2);
    expect(arrive(order, old1)).toEqual([]);
    const live = pool.live;
    const [new0] = send(order, pool, 2, 1);
    expect(pool.live).toBe(live); // old1 freed, new0 taken
    expect(pool.seq[new0]).toBe(0);
    expect(arrive(order, old0)).toEqual([old0]); // a straggler of connection 1
    expect(arrive(order, new0)).toEqual([new0]);
    expect(() => order.number(0, 1)).toThrow(/connection 1 after 2/);
  });

  test("any arrival order: delivered in sequence, each at max(own arrival, previous delivery) (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * S }), { minLength: 1, maxLength: 40 }), (arrivalUs) => {
        const pool = new SegmentPool(4);
        const order = new InOrder(pool, 1);
        const slots = send(order, pool, 1, arrivalUs.length);
        // arrivals in time order (ties in sequence order, as events scheduled in send order)
        const byTime = slots.map((s, k) => ({ s, k, t: arrivalUs[k] })).sort((a, b) => a.t - b.t || a.k - b.k);
        const delivered: { seq: number; t: number }[] = [];
        for (const { s, t } of byTime) for (const d of arrive(order, s)) delivered.push({ seq: pool.seq[d], t });
        expect(delivered.map((d) => d.seq)).toEqual(slots.map((_, k) => k));
        let previous = -Infinity;
        delivered.forEach((d, k) => {
          previous = Math.max(arrivalUs[k], previous);
          expect(d.t).toBe(previous);
        });
      }),
    );
  });
});
