// Valid values that were most likely not meant: the scenario loads and runs,
// and a warning names the place and the likely intent.
import { describe, expect, test } from "vitest";
import { FILE, load, scenario } from "./fixtures.js";

function warnings(s: unknown, sets: string[] = []): string[] {
  const lines: string[] = [];
  load(s, { sets, warn: (line) => lines.push(line) });
  return lines;
}

describe("warnings", () => {
  test("a bare number of an hour or more reads as seconds, but milliseconds were likely meant", () => {
    const s = scenario((x) => {
      x.duration = "2d";
      x.strategies[0].interval = 30000;
      x.strategies[0].timeout = 75000;
    });
    expect(warnings(s)).toEqual([
      `${FILE}: at strategies[0].interval: 30000 is read as seconds (8h20m); if milliseconds were meant, write "30000ms" (30s)`,
      `${FILE}: at strategies[0].timeout: 75000 is read as seconds (20h50m); if milliseconds were meant, write "75000ms" (1m15s)`,
    ]);
  });

  test("an adaptive interval's bounds too, and before the errors the mistake causes", () => {
    const s = scenario((x) => {
      x.strategies = [{ name: "a", initiator: "client", adaptive: { min: 270000, max: "14m50s", step: "1m", successes: 3 }, timeout: "20m" }];
    });
    const lines: string[] = [];
    expect(() => load(s, { warn: (line) => lines.push(line) })).toThrow(
      `${FILE}: at strategies[0].adaptive.max: expected a max longer than min (3d3h), found 14m50s`,
    );
    expect(lines).toEqual([
      `${FILE}: at strategies[0].adaptive.min: 270000 is read as seconds (3d3h); if milliseconds were meant, write "270000ms" (4m30s)`,
    ]);
  });

  test("a period or timeout longer than the run never comes round", () => {
    const s = scenario((x) => {
      x.duration = "10m";
      x.strategies[0].interval = "15m";
      x.strategies[0].timeout = "20m";
    });
    expect(warnings(s)).toEqual([
      `${FILE}: at strategies[0].interval: 15m is longer than the run (10m): no heartbeat is ever sent`,
      `${FILE}: at strategies[0].timeout: 20m is longer than the run (10m): the server never releases a silent client`,
    ]);
  });

  test("blamed on --set when it came from there", () => {
    expect(warnings(scenario(() => {}), ["strategies.s.timeout=7200"])).toEqual([
      `${FILE}: --set strategies.s.timeout=7200: at strategies[0].timeout: 7200 is read as seconds (2h); if milliseconds were meant, write "7200ms" (7.2s)`,
    ]);
  });

  test("none for plain values: a bare number under an hour, or a unit", () => {
    const s = scenario((x) => {
      x.duration = "3h";
      x.strategies[0].interval = 30;
      x.strategies[0].timeout = "2h";
    });
    expect(warnings(s)).toEqual([]);
  });
});
