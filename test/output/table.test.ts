import { describe, expect, it } from "vitest";
import { formatTable } from "../../src/output/table.js";
import { makeRun } from "./fixtures.js";

describe("formatTable", () => {
  it("puts strategies side by side with aligned columns and units in labels", () => {
    const out = formatTable(
      [
        makeRun("server-30s", 0, { server_msgs_per_s_mean: 666.66666, query_accuracy: 0.99987, detection_latency_p99_s: null }),
        makeRun("client-30s", 0, { server_msgs_per_s_mean: 1333.3, query_accuracy: 1 }),
      ],
      "demo",
    );
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe("demo");
    expect(lines[1]).toMatch(/^\s+server-30s\s+client-30s$/);
    expect(out).toMatch(/server msgs\/s, mean\s+666\.7\s+1333\.3/);
    expect(out).toMatch(/query accuracy \(%\)\s+99\.987\s+100\.000/);
    expect(out).toMatch(/detection latency p99 \(s\)\s+-\s+/);
    // every row has the same width up to its last column
    const ends = lines.slice(1).map((l) => l.length);
    expect(new Set(ends).size).toBe(1);
  });

  it("labels columns by replication when there are several", () => {
    const out = formatTable([makeRun("a", 0), makeRun("a", 1)]);
    expect(out.split("\n")[0]).toMatch(/a #0\s+a #1$/);
  });
});
