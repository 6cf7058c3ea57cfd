import { describe, expect, it } from "vitest";
import { holds, judge } from "../../src/metrics/expect.js";
import { formatJudgement } from "../../src/output/judgement.js";
import type { Expectation } from "../../src/scenario/plan.js";
import { makeRun } from "./fixtures.js";

const runs = [
  makeRun("server-30s", 0, { false_positives: 10, missed: 0, detection_latency_p99_s: 70.5 }),
  makeRun("client-30s", 0, { false_positives: 52, missed: 0, detection_latency_p99_s: null }),
  makeRun("client-30s", 1, { false_positives: 30, missed: 1, detection_latency_p99_s: 60 }),
];

describe("holds", () => {
  it("applies min, max, eq and approx inclusively", () => {
    expect(holds({ op: "min", value: 5 }, 5)).toBe(true);
    expect(holds({ op: "min", value: 5 }, 4.9)).toBe(false);
    expect(holds({ op: "max", value: 5 }, 5)).toBe(true);
    expect(holds({ op: "max", value: 5 }, 5.1)).toBe(false);
    expect(holds({ op: "eq", value: 0 }, 0)).toBe(true);
    expect(holds({ op: "eq", value: 0 }, 1)).toBe(false);
    expect(holds({ op: "approx", value: 100, rel: 0.05 }, 105)).toBe(true);
    expect(holds({ op: "approx", value: 100, rel: 0.05 }, 94.9)).toBe(false);
    expect(holds({ op: "approx", value: -100, rel: 0.1 }, -91)).toBe(true);
  });

  it("fails every bound on an empty cell", () => {
    for (const op of ["min", "max", "eq"] as const) expect(holds({ op, value: 0 }, null)).toBe(false);
    expect(holds({ op: "approx", value: 0, rel: 1 }, null)).toBe(false);
  });
});

describe("judge", () => {
  it("checks a named strategy in every replication, and * everywhere", () => {
    const expectations: Expectation[] = [
      { strategy: "client-30s", column: "false_positives", bound: { op: "max", value: 40 }, over: "each" },
      { strategy: "*", column: "missed", bound: { op: "eq", value: 0 }, over: "each" },
    ];
    const j = judge(expectations, runs);
    expect(j.passed).toBe(3);
    expect(j.checks).toHaveLength(5);
    expect(j.failures).toEqual([
      { strategy: "client-30s", replication: 0, column: "false_positives", over: "each", bound: { op: "max", value: 40 }, actual: 52, ok: false },
      { strategy: "client-30s", replication: 1, column: "missed", over: "each", bound: { op: "eq", value: 0 }, actual: 1, ok: false },
    ]);
  });

  it("judges a figure over the replications once per strategy", () => {
    // client-30s false positives 52 and 30: mean 41, sd sqrt(242) = 15.556349,
    // t(0.975, 1) = 12.706205: interval 41 +- 139.77 (two replications say little)
    const over = (o: "mean" | "ci95_low" | "ci95_high", value: number) =>
      judge([{ strategy: "client-30s", column: "false_positives", bound: { op: "max", value }, over: o }], runs).checks;
    expect(over("mean", 41).map((c) => [c.replication, c.actual, c.ok])).toEqual([[null, 41, true]]);
    expect(over("mean", 40.9)[0].ok).toBe(false);
    expect(over("ci95_high", 0)[0].actual).toBeCloseTo(41 + (12.706205 * 15.556349) / Math.SQRT2, 3);
    expect(over("ci95_low", 0)[0].actual).toBeCloseTo(41 - (12.706205 * 15.556349) / Math.SQRT2, 3);
    // one replication has no interval: an empty figure fails every bound
    const one = judge([{ strategy: "server-30s", column: "false_positives", bound: { op: "max", value: 1e9 }, over: "ci95_high" }], runs);
    expect(one.failures.map((f) => f.actual)).toEqual([null]);
  });

  it("treats an empty actual as a failure with actual null", () => {
    const j = judge([{ strategy: "*", column: "detection_latency_p99_s", bound: { op: "max", value: 80 }, over: "each" }], runs);
    expect(j.passed).toBe(2);
    expect(j.failures.map((f) => f.actual)).toEqual([null]);
  });

  it("judges nothing for no expectations", () => {
    expect(judge([], runs)).toEqual({ checks: [], passed: 0, failures: [] });
  });
});

describe("formatJudgement", () => {
  it("lists every check with its value and a mark, then a count", () => {
    const j = judge(
      [
        { strategy: "client-30s", column: "false_positives", bound: { op: "max", value: 40 }, over: "each" },
        { strategy: "*", column: "detection_latency_p99_s", bound: { op: "approx", value: 70, rel: 0.05 }, over: "each" },
      ],
      runs,
    );
    expect(formatJudgement(j)).toBe(
      "  ✓ server-30s rep 0: detection_latency_p99_s = 70.5, expected approx 70 (within 5%)\n" +
        "  ✗ client-30s rep 0: false_positives = 52, expected max 40\n" +
        "  ✗ client-30s rep 0: detection_latency_p99_s = (empty), expected approx 70 (within 5%)\n" +
        "  ✓ client-30s rep 1: false_positives = 30, expected max 40\n" +
        "  ✗ client-30s rep 1: detection_latency_p99_s = 60, expected approx 70 (within 5%)\n" +
        "5 expectations, 3 failed\n",
    );
  });

  it("says so when everything passed", () => {
    const j = judge([{ strategy: "server-30s", column: "missed", bound: { op: "eq", value: 0 }, over: "each" }], runs);
    expect(formatJudgement(j)).toBe("  ✓ server-30s rep 0: missed = 0, expected eq 0\n1 expectation, 0 failed\n");
  });
});
