// The Markdown summary: a pipe table GitHub renders (as many cells in every
// row as in the header), the best of each column in bold, found here from
// the values themselves, and names that cannot break the table.
import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/output/markdown.js";
import { makeRun } from "./fixtures.js";

const cells = (line: string) => line.slice(2, -2).split(/(?<!\\) \| /);

describe("formatMarkdown", () => {
  const runs = [
    makeRun("a|b", 0, { detection_latency_p99_s: 44.5, query_accuracy: 0.99, false_positives: 7, crashes: 5 }),
    makeRun("c", 0, { detection_latency_p99_s: 12.25, query_accuracy: 0.999, false_positives: 9, crashes: 5 }),
    makeRun("d", 0, { detection_latency_p99_s: 80, query_accuracy: 0.98, false_positives: 7, crashes: 5 }),
  ];
  const md = formatMarkdown(runs, "demo (x.json)");
  const lines = md.trimEnd().split("\n");

  it("is a heading and a pipe table with strategies as rows", () => {
    expect(lines[0]).toBe("### demo (x.json)");
    expect(lines[1]).toBe("");
    const width = cells(lines[2]).length;
    expect(cells(lines[2])[0]).toBe("strategy");
    expect(cells(lines[3]).slice(1).every((c) => c === "---:")).toBe(true);
    for (const l of lines.slice(2)) expect(cells(l)).toHaveLength(width);
    expect(lines.slice(4).map((l) => cells(l)[0])).toEqual(["a\\|b", "c", "d"]);
  });

  it("bolds the best value of each column that has a better end, nothing in the scenario's own counts", () => {
    const head = cells(lines[2]);
    const column = (label: string) => lines.slice(4).map((l) => cells(l)[head.indexOf(label)]);
    // lowest p99, highest accuracy, ties all bold
    const p99 = [44.5, 12.25, 80];
    expect(column("detection latency p99 (s)")).toEqual(p99.map((x) => (x === Math.min(...p99) ? `**${x.toFixed(3)}**` : x.toFixed(3))));
    const accuracy = [0.99, 0.999, 0.98];
    const percent = (x: number) => (100 * x).toFixed(3);
    expect(column("query accuracy (%)")).toEqual(accuracy.map((x) => (x === Math.max(...accuracy) ? `**${percent(x)}**` : percent(x))));
    expect(column("false positives")).toEqual(["**7**", "9", "**7**"]);
    expect(column("crashes")).toEqual(["5", "5", "5"]);
  });
});
