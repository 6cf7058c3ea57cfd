// detections.csv read back by the byte scanner, against a plain reading of
// the same text (split on commas, seconds times a million): the same
// latencies to the microsecond and the same counts; and every way a file
// can be cut or edited is refused with its line.
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { scanDetections } from "../../src/report/detections.js";
import { tempDir } from "../cli/helpers.js";

const HEAD = "strategy,replication,client,t_s,crashed,latency_s\n";
const scope = { strategies: ["a", 'odd, "name"'], replications: 2, clients: 100, durationUs: 3600e6 };

// one directory for the file's runs (a property writes hundreds), removed after the file
const dir = tempDir();
let written = 0;
function file(text: string): string {
  const path = join(dir, `detections-${written++}.csv`);
  writeFileSync(path, text);
  return path;
}

const micros = fc.integer({ min: 0, max: 3600e6 });
const seconds = (us: number) => {
  const whole = Math.floor(us / 1e6);
  const frac = String(us % 1e6).padStart(6, "0").replace(/0+$/, "");
  return frac === "" ? String(whole) : `${whole}.${frac}`;
};
const rowArb = fc.record({ strategy: fc.integer({ min: 0, max: 1 }), rep: fc.integer({ min: 0, max: 1 }), client: fc.integer({ min: 0, max: 99 }), t: micros, crashed: fc.boolean(), latency: micros });

describe("scanDetections", () => {
  it("reads what a plain reading reads: latencies to the µs, counts per run", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 200 }), (rows) => {
        const lines = rows.map((r) => {
          const name = r.strategy === 0 ? "a" : '"odd, ""name"""';
          const latency = Math.min(r.latency, r.t);
          return `${name},${r.rep},${r.client},${seconds(r.t)},${r.crashed},${r.crashed ? seconds(latency) : ""}\n`;
        });
        const scan = scanDetections(file(HEAD + lines.join("")), scope);
        for (const s of [0, 1]) {
          const mine = rows.filter((r) => r.strategy === s);
          expect([...scan.latenciesUs[s]]).toEqual(mine.filter((r) => r.crashed).map((r) => Math.round(Number(seconds(Math.min(r.latency, r.t))) * 1e6)));
          for (const rep of [0, 1]) {
            expect(scan.crashed[s][rep]).toBe(mine.filter((r) => r.rep === rep && r.crashed).length);
            expect(scan.live[s][rep]).toBe(mine.filter((r) => r.rep === rep && !r.crashed).length);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("reads across chunk boundaries and CRLF line ends", () => {
    const row = "a,0,7,100.5,true,12.25\r\n";
    const n = 400_000; // ~10 MB: more than one 8 MB chunk
    const scan = scanDetections(file(HEAD + row.repeat(n)), scope);
    expect(scan.crashed[0][0]).toBe(n);
    expect(scan.latenciesUs[0][n - 1]).toBe(12_250_000);
  });

  const refused: [string, string, RegExp][] = [
    ["a cut last line", HEAD + "a,0,1,5,true,1\na,0,2,6,fal", /ends in the middle of line 3/],
    ["another header", "strategy,rep,client,t_s,crashed,latency_s\n", /header should be/],
    ["an unknown strategy", HEAD + "b,0,1,5,false,\n", /line 2: strategy "b" is not in summary.csv/],
    ["a replication out of range", HEAD + "a,2,1,5,false,\n", /line 2: replication 2, but summary.csv has 2/],
    ["a client out of range", HEAD + "a,0,100,5,false,\n", /client 100, but the run had 100/],
    ["crashed neither true nor false", HEAD + "a,0,1,5,yes,\n", /crashed is neither true nor false/],
    ["a live release with a latency", HEAD + "a,0,1,5,false,2\n", /live client's release has a latency_s/],
    ["a crashed release without one", HEAD + "a,0,1,5,true,\n", /latency_s is not a number/],
    ["a latency past the release", HEAD + "a,0,1,5,true,6\n", /longer than the time of the release/],
    ["a time after the end", HEAD + "a,0,1,3601,false,\n", /t_s 3601 is after the run's end/],
    ["seven decimals", HEAD + "a,0,1,5.1234567,false,\n", /t_s is not a number/],
    ["too few cells", HEAD + "a,0,1\n", /expected 6 cells/],
    ["an empty file", "", /is empty/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses ${what} with a UserError naming the place`, () => {
      const path = file(text);
      let err: unknown;
      try {
        scanDetections(path, scope);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message.split("\n")).toHaveLength(1);
    });
  }
});
