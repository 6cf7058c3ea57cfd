// The memory estimate that refuses oversized runs up front must never be
// below what a run was measured to take, and must grow with what is run at once.
import { describe, expect, it } from "vitest";
import { estimateMemoryBytes } from "../../src/model/footprint.js";
import { plan, S, strategy } from "../support/plan.js";
import { tcpPlan } from "../support/tcp.js";

const MIB = 2 ** 20;

describe("memory estimate", () => {
  const ref = (count: number) =>
    plan({
      count,
      durationUs: 3600 * S,
      bucketUs: 10 * S,
      strategies: [strategy({ name: "a", initiator: "client" }), strategy({ name: "b", initiator: "server" })],
    });

  // Peak RSS of whole `sim run` processes on two threads (npm run bench, December 2026):
  // ref-100k 136-137 MiB, ref-1m 470-485 MiB.
  it("covers the peaks measured for the reference model, and stays within 1.6x of them (a 2x error fails)", () => {
    for (const [count, lowMiB, highMiB] of [
      [100_000, 136, 137],
      [1_000_000, 470, 485],
    ]) {
      const estimate = estimateMemoryBytes(ref(count), 2, 2) / MIB;
      expect(estimate, `${count} clients`).toBeGreaterThanOrEqual(highMiB);
      expect(estimate, `${count} clients`).toBeLessThan(1.6 * lowMiB);
    }
  });

  it("counts every run in flight, but no more runs than there are", () => {
    const p = ref(1_000_000);
    const one = estimateMemoryBytes(p, 2, 1);
    const two = estimateMemoryBytes(p, 2, 2);
    expect(two).toBeGreaterThan(one * 1.5);
    expect(estimateMemoryBytes(p, 2, 8)).toBe(two);
  });

  it("10 million clients on two workers fit a 24 GiB machine", () => {
    expect(estimateMemoryBytes(ref(10_000_000), 2, 2)).toBeLessThan(0.8 * 24 * 1024 * MIB);
  });
});

describe("memory estimate with the TCP transport", () => {
  it("adds the sequence columns and the segments in flight, per client", () => {
    const strategies = [strategy({ name: "a", initiator: "client" })];
    const p = plan({ count: 1_000_000, strategies });
    const tcp = plan({ count: 1_000_000, strategies, transport: tcpPlan(200_000, 120 * S, 15) });
    const extra = estimateMemoryBytes(tcp, 1, 1) - estimateMemoryBytes(p, 1, 1);
    // two directions x 16 bytes of sequence state, and about two 29-byte segments in flight (doubled on growth)
    expect(extra).toBe(1_000_000 * (2 * 16 + 2 * 2 * 29));
  });
});
