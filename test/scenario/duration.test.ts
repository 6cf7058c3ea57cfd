import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  formatDurationUs,
  MAX_DURATION_US,
  parseDurationUs,
} from "../../src/scenario/duration.js";
import { S } from "../support/plan.js";

describe("parseDurationUs", () => {
  test.each([
    ["250ms", 250_000],
    ["30s", 30 * S],
    ["5m", 5 * 60 * S],
    ["1h", 3600 * S],
    ["2d", 2 * 86_400 * S],
    ["1.5s", 1_500_000],
    ["1m30s", 90 * S],
    ["100us", 100],
    ["0s", 0],
    ["1.5h", 5400 * S],
    // every unit at once, in order: 3600 + 1800 + 15 s + 250 ms + 7 us
    ["1h30m15s250ms7us", 5_415_250_007],
    // 1.1 * 1e6 is 1100000.0000000002 in floating point: rounded once, exactly
    ["1.1s", 1_100_000],
  ])("%s -> %i us", (text, us) => {
    expect(parseDurationUs(text)).toBe(us);
  });

  test.each([
    [30, 30 * S],
    [0.25, 250_000],
    [0, 0],
    [0.0000004, 0], // rounds to the nearest microsecond
    [0.0000006, 1],
  ])("a plain number is seconds: %d -> %i us", (seconds, us) => {
    expect(parseDurationUs(seconds)).toBe(us);
  });

  test.each(["30 sec", "30", "30S", "s", ".5s", "1.s", "-1s", " 30s", "30s ", "1e3s", "1s1s", "30s1m", "1 m", "", "5min"])(
    "rejects %j",
    (text) => {
      expect(parseDurationUs(text)).toBeUndefined();
    },
  );

  test.each([-1, NaN, Infinity])("rejects the number %d", (n) => {
    expect(parseDurationUs(n)).toBeUndefined();
  });

  test("accepts up to 100 years and no more", () => {
    expect(parseDurationUs("36525d")).toBe(MAX_DURATION_US);
    expect(parseDurationUs("36525d1us")).toBeUndefined();
    expect(parseDurationUs(1e12)).toBeUndefined();
  });
});

describe("formatDurationUs", () => {
  test.each([
    [30 * S, "30s"],
    [90 * S, "1m30s"],
    [1_500_000, "1.5s"],
    [250_000, "250ms"],
    [100, "100us"],
    [0, "0ms"],
    [3600 * S, "1h"],
    [86_400 * S + 1, "1d0.000001s"],
  ])("%i us -> %s", (us, text) => {
    expect(formatDurationUs(us)).toBe(text);
  });

  test("what it prints parses back to the same microseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_US }), (us) => parseDurationUs(formatDurationUs(us)) === us),
    );
  });
});
