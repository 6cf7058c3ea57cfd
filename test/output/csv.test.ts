import { describe, expect, it } from "vitest";
import { detectionsCsv, resultFiles, summaryCsv, timeseriesCsv } from "../../src/output/csv.js";
import { DOCUMENTED_SUMMARY_HEADER } from "../support/documented.js";
import { plan, S } from "../support/plan.js";
import { makeRun } from "./fixtures.js";

const text = (chunks: Iterable<string | Uint8Array>): string =>
  [...chunks].map((c) => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"))).join("");

describe("summary.csv", () => {
  it("has the contract's header and one row per run, in order", () => {
    const lines = text(summaryCsv([makeRun("a"), makeRun("b", 1)])).split("\n");
    expect(lines[0]).toBe(DOCUMENTED_SUMMARY_HEADER);
    expect(lines[1].startsWith("demo,a,0,")).toBe(true);
    expect(lines[2].startsWith("demo,b,1,")).toBe(true);
    expect(lines[3]).toBe(""); // trailing newline, LF only
    expect(lines).toHaveLength(4);
    expect(text(summaryCsv([]))).not.toContain("\r");
  });

  it("quotes a strategy name with a comma or a quote (RFC 4180)", () => {
    const csv = text(summaryCsv([makeRun('fast, "aggressive"')]));
    expect(csv.split("\n")[1]).toMatch(/^demo,"fast, ""aggressive""",0,/);
  });

  it("writes empty cells for null and formats by column", () => {
    const run = makeRun("a", 0, { detection_latency_p99_s: null, duration_s: 3600, query_accuracy: 0.1 + 0.2 });
    const [head, row] = text(summaryCsv([run])).split("\n");
    const cells = Object.fromEntries(head.split(",").map((h, i) => [h, row.split(",")[i]]));
    expect(cells.detection_latency_p99_s).toBe("");
    expect(cells.duration_s).toBe("3600");
    expect(cells.query_accuracy).toBe("0.3");
  });

  it("is just the header for no runs", () => {
    expect(text(summaryCsv([]))).toBe(DOCUMENTED_SUMMARY_HEADER + "\n");
  });
});

describe("timeseries.csv", () => {
  it("has one row per bucket with t_s = bucket start in seconds", () => {
    expect(text(timeseriesCsv([makeRun("a")]))).toBe(
      "strategy,replication,t_s,server_in,server_out,tracked,releases,false_positives\n" +
        "a,0,0,3,5,7,0,0\n" +
        "a,0,1.5,4,6,8,1,1\n",
    );
  });
});

describe("detections.csv", () => {
  it("quotes a strategy name that needs it exactly as the library does (RFC 4180)", () => {
    const name = 'fast, "aggressive"\nnew';
    const lines = text(detectionsCsv([makeRun(name, 2)]));
    expect(lines).toBe(
      "strategy,replication,client,t_s,crashed,latency_s\n" +
        '"fast, ""aggressive""\nnew",2,17,1.1,true,0.25\n' +
        '"fast, ""aggressive""\nnew",2,4,2.000001,false,\n',
    );
    expect(text(timeseriesCsv([makeRun(name)])).split("\n")[1]).toBe('"fast, ""aggressive""');
  });

  it("has one row per release; latency empty when not crashed", () => {
    expect(text(detectionsCsv([makeRun("a", 2)]))).toBe(
      "strategy,replication,client,t_s,crashed,latency_s\n" +
        "a,2,17,1.1,true,0.25\n" +
        "a,2,4,2.000001,false,\n",
    );
  });
});

describe("resultFiles", () => {
  it("names run.json and the three files", () => {
    expect(Object.keys(resultFiles([makeRun("a")], plan(), "9.9.9"))).toEqual(["run.json", "summary.csv", "timeseries.csv", "detections.csv"]);
  });

  it("run.json carries the version, the format, the bucket and the restarts in seconds, and the strategies run", () => {
    const p = { ...plan({ durationUs: 5400 * S, bucketUs: 15 * S }), server: { restarts: [{ atUs: 1800 * S, downForUs: 30.5 * S }] } };
    const about = JSON.parse(text(resultFiles([makeRun("a"), makeRun("b"), makeRun("a", 1)], p, "9.9.9")["run.json"]));
    expect(about).toMatchObject({ format: 1, sim: "9.9.9", duration_s: 5400, bucket_s: 15, strategies: ["a", "b"] });
    expect(about.restarts).toEqual([{ at_s: 1800, down_for_s: 30.5 }]);
  });

  it("splits large files into bounded chunks that join to the same text", () => {
    const big = makeRun("a");
    const n = 120_001;
    const ts = { ...big.timeseries, serverIn: new Float64Array(n), serverOut: new Float64Array(n),
      tracked: new Float64Array(n), releases: new Float64Array(n), falsePositives: new Float64Array(n) };
    const chunks = [...timeseriesCsv([{ ...big, timeseries: ts }])];
    // each line is "a,0,<start>,0,0,0,0,0\n": 18 bytes plus the start's digits
    const bytes = chunks.reduce((s, c) => s + (typeof c === "string" ? Buffer.byteLength(c) : c.length), 0);
    expect(chunks.length).toBe(1 + Math.ceil((bytes - chunks[0].length) / (1 << 20)));
    for (const c of chunks) expect(typeof c === "string" ? Buffer.byteLength(c) : c.length).toBeLessThanOrEqual(1 << 20);
    const lines = text(chunks).split("\n");
    expect(lines).toHaveLength(n + 2);
    expect(lines[n]).toBe(`a,0,${(n - 1) * 1.5},0,0,0,0,0`);
  });
});
