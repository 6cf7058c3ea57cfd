import { describe, expect, it } from "vitest";
import { formatCell, formatMicros } from "../../src/output/number.js";

describe("formatCell", () => {
  it("leaves empty cells empty", () => {
    expect(formatCell(null, "seconds")).toBe("");
    expect(formatCell(undefined, "int")).toBe("");
    expect(formatCell(NaN, "ratio")).toBe("");
  });

  it("copies text", () => {
    expect(formatCell("client-30s", "text")).toBe("client-30s");
  });

  it("prints ints as plain integers, never with an exponent", () => {
    expect(formatCell(42, "int")).toBe("42");
    expect(formatCell(-0, "int")).toBe("0");
    expect(formatCell(123456789012345680000, "int")).toBe("123456789012345683968");
    expect(formatCell(1e21, "int")).toBe("1000000000000000000000");
    expect(formatCell(1e25, "ratio")).not.toMatch(/e/i);
  });

  it("prints seconds to at most 6 decimals, trimmed", () => {
    expect(formatCell(1.5, "seconds")).toBe("1.5");
    expect(formatCell(75, "seconds")).toBe("75");
    expect(formatCell(0.1 + 0.2, "seconds")).toBe("0.3");
    expect(formatCell(1.23456789, "seconds")).toBe("1.234568");
    expect(formatCell(1e-7, "seconds")).toBe("0");
    expect(formatCell(-1e-7, "seconds")).toBe("0");
    expect(formatCell(3600, "seconds")).toBe("3600");
  });

  it("prints ratios to at most 9 decimals, no exponent", () => {
    expect(formatCell(0.1 + 0.2, "ratio")).toBe("0.3");
    expect(formatCell(1e-7, "ratio")).toBe("0.0000001");
    expect(formatCell(1e-10, "ratio")).toBe("0");
    expect(formatCell(-1e-10, "ratio")).toBe("0");
    expect(formatCell(0.999999999, "ratio")).toBe("0.999999999");
    expect(formatCell(2 / 3, "ratio")).toBe("0.666666667");
  });

  it("refuses infinities, which are bugs upstream", () => {
    expect(() => formatCell(Infinity, "ratio")).toThrow(/non-finite/);
  });
});

describe("formatMicros", () => {
  it("converts integer microseconds exactly", () => {
    expect(formatMicros(1_500_000)).toBe("1.5");
    expect(formatMicros(1_100_000)).toBe("1.1");
    expect(formatMicros(0)).toBe("0");
    expect(formatMicros(1)).toBe("0.000001");
    expect(formatMicros(2_000_001)).toBe("2.000001");
    expect(formatMicros(-250_000)).toBe("-0.25");
    expect(formatMicros(86_400_000_000_000)).toBe("86400000");
  });

  it("leaves NaN empty", () => {
    expect(formatMicros(NaN)).toBe("");
  });
});
