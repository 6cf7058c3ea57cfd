import { describe, expect, it } from "vitest";
import { formatTable, tableWidth } from "../../src/output/table.js";
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

describe("formatTable's width", () => {
  const names = (n: number) => Array.from({ length: n }, (_, k) => `strategy-number-${k}`);
  const runs = (n: number) =>
    names(n).map((name, k) => makeRun(name, 0, { server_msgs_per_s_mean: 100 + k + 0.25, detection_latency_p99_s: 30 + k / 1000, false_positives: 1000 * k }));

  for (const width of [80, 120]) {
    for (const n of [1, 2, 5, 16]) {
      it(`${n} strategies fit ${width} columns, every strategy and value shown`, () => {
        const out = formatTable(runs(n), "title", width);
        const lines = out.trimEnd().split("\n");
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        for (const [k, name] of names(n).entries()) {
          expect(out).toContain(name);
          // rounded as the row says: one decimal, three decimals, a count
          expect(out).toContain((100 + k + 0.25).toFixed(1));
          expect(out).toContain((30 + k / 1000).toFixed(3));
          expect(out).toContain(String(1000 * k));
        }
      });
    }
  }

  it("keeps strategies as columns while they fit, and turns them into rows when they do not", () => {
    const two = formatTable(runs(2), undefined, 80).split("\n");
    expect(two[0]).toMatch(/^\s+strategy-number-0\s+strategy-number-1$/);
    const many = formatTable(runs(16), undefined, 120).trimEnd().split("\n");
    expect(many[0]).toMatch(/^strategy\s+msgs\/s mean\s+msgs\/s peak/);
    // a line per strategy under each header, tables split by blank lines
    const tables = many.join("\n").split("\n\n");
    for (const t of tables) {
      const lines = t.split("\n");
      expect(lines[0].startsWith("strategy ")).toBe(true);
      expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(names(16));
    }
    // every metric's header appears once over the tables
    const heads = tables.flatMap((t) => t.split("\n")[0].slice("strategy".length).trim().split(/\s{2,}/));
    expect(heads).toContain("det p99 s");
    expect(new Set(heads).size).toBe(heads.length);
  });

  it("puts each value in its strategy's row, under its metric's header, in every stacked table", () => {
    for (const width of [80, 120]) {
      const tables = byStrategy(formatTable(runs(16), undefined, width));
      const cell = (name: string, head: string) => tables.map((t) => t.get(name)?.get(head)).find((c) => c !== undefined);
      for (const [k, name] of names(16).entries()) {
        expect(cell(name, "msgs/s mean")).toBe((100 + k + 0.25).toFixed(1));
        expect(cell(name, "det p99 s")).toBe((30 + k / 1000).toFixed(3));
        expect(cell(name, "false pos")).toBe(String(1000 * k));
      }
    }
  });

  it("names rows by replication, and drops the radio columns when no run has a radio", () => {
    const noRadio = { client_energy_j_per_hour_mean: null, client_wakeups_per_hour_mean: null };
    const reps = names(8).flatMap((name) => [makeRun(name, 0, noRadio), makeRun(name, 1, noRadio)]);
    const out = formatTable(reps, undefined, 80);
    for (const l of out.split("\n")) expect(l.length).toBeLessThanOrEqual(80);
    const tables = byStrategy(out);
    expect([...tables[0].keys()]).toEqual(names(8).flatMap((name) => [`${name} #0`, `${name} #1`]));
    const heads = tables.flatMap((t) => [...[...t.values()][0].keys()]);
    expect(heads).toContain("tx/h");
    expect(heads).not.toContain("J/client-h");
    expect(heads).not.toContain("wakes/h");
  });

  it("takes the terminal's width held to 80-120, and 120 when stdout is not a terminal", () => {
    expect(tableWidth(60, true)).toBe(80);
    expect(tableWidth(100, true)).toBe(100);
    expect(tableWidth(300, true)).toBe(120);
    expect(tableWidth(100, false)).toBe(120);
    expect(tableWidth(undefined, true)).toBe(120);
  });
});

/** strategies-as-rows output read back: per stacked table, strategy -> header -> cell (cells never hold two spaces) */
function byStrategy(out: string): Map<string, Map<string, string>>[] {
  return out
    .trimEnd()
    .split("\n\n")
    .map((table) => {
      const [head, ...lines] = table.split("\n");
      const heads = head.slice("strategy".length).trim().split(/\s{2,}/);
      return new Map(
        lines.map((l) => {
          const [name, ...values] = l.split(/\s{2,}/);
          expect(values).toHaveLength(heads.length);
          return [name, new Map(heads.map((h, i) => [h, values[i]]))];
        }),
      );
    });
}
