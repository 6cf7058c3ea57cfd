// Statistics over replications, against known values and against a closed
// form: the 95% interval of the false-release rate under Bernoulli loss
// must cover the renewal-process rate in about 95 of 100 seeds.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import { estimate, paretoFront } from "../../src/metrics/stats.js";
import { link, plan, S, strategy } from "../support/plan.js";

describe("estimate", () => {
  it("mean, sample sd and the Student-t interval, worked by hand", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sd sqrt(32/7) = 2.138090,
    // t(0.975, 7) = 2.364624 (tables), half width 2.364624 * 2.138090 / sqrt(8) = 1.787484
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e.mean).toBe(5);
    expect(e.sd).toBeCloseTo(2.13809, 5);
    expect(e.n).toBe(8);
    expect(e.low).toBeCloseTo(5 - 1.787484, 5);
    expect(e.high).toBeCloseTo(5 + 1.787484, 5);
  });

  it("two values: t(0.975, 1) = 12.706205", () => {
    const e = estimate([1, 3]);
    // mean 2, sd sqrt(2), so the half width is t itself
    expect(e.high! - e.mean!).toBeCloseTo(12.706205, 5);
  });

  it("empty cells are left out; one value has no spread", () => {
    expect(estimate([null, 7, null])).toEqual({ mean: 7, sd: null, n: 1, low: null, high: null });
    expect(estimate([null])).toEqual({ mean: null, sd: null, n: 0, low: null, high: null });
  });
});

describe("the Pareto front", () => {
  it("keeps the rows no other row beats on every objective", () => {
    const rows = [
      [10, 1, 5],
      [20, 0.5, 5],
      [20, 1, 5], // beaten by the first
      [10, 1, 5], // equal to the first: neither beats the other
      [30, 2, 1],
    ];
    expect(paretoFront(rows)).toEqual([true, true, false, true, true]);
  });

  it("leaves out an objective some row lacks", () => {
    expect(paretoFront([[null, 1], [null, 2]])).toEqual([true, false]);
  });
});

describe("the interval covers the closed form", () => {
  // Client heartbeats every η = 30 s, timeout M = 75 s (K = 2 losses release),
  // each heartbeat lost with f = 0.3: cycles of μ = η E[N] + M − Kη with
  // E[N] = (1 − f^K)/((1 − f) f^K), so 3600/μ releases per tracked hour, plus
  // the finite-horizon term (σ² − μ²)/(2μ² T) of a renewal count
  // (test/model/false-positives.test.ts derives both).
  const eta = 30;
  const M = 75;
  const K = 2;
  const f = 0.3;
  const hours = 1;
  const meanN = (1 - f ** K) / ((1 - f) * f ** K);
  const varN = (1 - (2 * K + 1) * (1 - f) * f ** K - f ** (2 * K + 1)) / ((1 - f) ** 2 * f ** (2 * K));
  const mu = eta * meanN + M - K * eta;
  const sigma = eta * Math.sqrt(varN);
  const rate = 3600 / mu + (sigma ** 2 - mu ** 2) / (2 * mu ** 2 * hours);

  it(`in 90 to 99 of 100 seeds (5 replications each; rate ${rate.toFixed(3)} per client-hour)`, () => {
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta * S, timeoutUs: M * S, clientTimeoutUs: 7200 * S });
    let covered = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const p = plan({ seed, replications: 5, count: 100, durationUs: hours * 3600 * S, connectSpreadUs: 0, uplink: link(1000, f), downlink: link(1000), strategies: [s] });
      const rates = Array.from({ length: 5 }, (_, r) => runStrategy(p, s, r).summary.false_positives_per_client_hour as number);
      const e = estimate(rates);
      if (e.low! <= rate && rate <= e.high!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(90);
    expect(covered).toBeLessThanOrEqual(99);
  }, 120_000);
});
