import { describe, expect, test } from "vitest";
import { closest, didYouMean } from "../../src/scenario/did-you-mean.js";

describe("did you mean", () => {
  const clientKeys = ["count", "connect", "crash", "reconnect"];

  test("a transposition is one edit", () => {
    expect(closest("cuont", clientKeys)).toBe("count");
  });

  test("a missing or extra letter", () => {
    expect(closest("reconect", clientKeys)).toBe("reconnect");
    expect(closest("intervall", ["interval", "timeout"])).toBe("interval");
  });

  test("case is ignored", () => {
    expect(closest("clienttimeout", ["timeout", "clientTimeout"])).toBe("clientTimeout");
  });

  test("nothing close means no suggestion", () => {
    expect(closest("zzzzzz", clientKeys)).toBeUndefined();
    expect(didYouMean("zzzzzz", clientKeys)).toBe("");
  });

  test("the closest candidate wins, ties go to the earlier one", () => {
    expect(closest("detection_latency_p95_s", ["detection_latency_p90_s", "detection_latency_p99_s"])).toBe(
      "detection_latency_p90_s",
    );
    expect(closest("crsh", ["cash", "crash"])).toBe("cash");
  });

  test("the hint text", () => {
    expect(didYouMean("cuont", clientKeys)).toBe(' (did you mean "count"?)');
  });
});
