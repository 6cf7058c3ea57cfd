// The mistakes a newcomer makes on the command line, and what sim says.
import { describe, expect, it } from "vitest";
import { sim, STACK_LINE, tempDir, tinyScenario, writeJson } from "./helpers.js";

describe("flags", () => {
  it("a misspelt flag gets a did-you-mean", () => {
    const dir = tempDir();
    const r = sim(["run", writeJson(dir, "s.json", tinyScenario()), "--seeed", "3", "--quiett"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "sim: error: Unknown arguments: seeed, quiett (--seeed: did you mean --seed?; --quiett: did you mean --quiet?)\n" +
        'Run "sim --help" for usage.\n',
    );
  });

  it("numbers are quoted as typed, and blamed on the flag", () => {
    const dir = tempDir();
    const file = writeJson(dir, "s.json", tinyScenario());
    const r = sim(["run", file, "--seed", "abc", "--replications", "0"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `sim: error: ${file}: --seed abc: at seed: expected an integer from 0 to 4,294,967,295, found "abc"\n` +
        `sim: error: ${file}: --replications 0: at replications: expected an integer from 1 to 10,000, found 0\n`,
    );
    const w = sim(["run", file, "--workers", "two"], dir);
    expect(w.code).toBe(2);
    expect(w.stderr).toBe('sim: error: --workers: expected an integer >= 1, found "two"\n');
  });

  it("a --set value is blamed on --set, with the closest allowed value", () => {
    const dir = tempDir();
    const file = writeJson(dir, "s.json", tinyScenario());
    const r = sim(["validate", file, "--set", "strategies.client-10s.initiator=Client"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `sim: error: ${file}: --set strategies.client-10s.initiator=Client: at strategies[1].initiator: ` +
        'expected one of "server", "client", found "Client" (did you mean "client"?)\n',
    );
  });
});

describe("a file with several mistakes", () => {
  it("lists every one, a line each, and writes nothing", () => {
    const dir = tempDir();
    const bad = tinyScenario("bad", {
      clients: { cuont: 3 },
      strategies: [{ name: "a", initiator: "Client", interval: "30 sec", timeout: "75s" }],
    });
    const file = writeJson(dir, "bad.json", bad);
    const r = sim(["run", file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => l !== "")).toEqual([
      `sim: error: ${file}: at clients: unknown key "cuont" (did you mean "count"?)`,
      `sim: error: ${file}: at strategies[0].initiator: expected one of "server", "client", found "Client" (did you mean "client"?)`,
      `sim: error: ${file}: at strategies[0].interval: expected a duration > 0 such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or a positive number of seconds, found "30 sec"`,
    ]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe("");
  });
});

describe("likely mistakes that are valid", () => {
  it("warn on stderr and still run; --quiet keeps them quiet", () => {
    const dir = tempDir();
    const file = writeJson(dir, "s.json", tinyScenario("warned", { duration: "2h" }));
    const set = ["--set", "strategies.server-10s.timeout=75000"];
    const r = sim(["run", file, ...set, "--out", "out"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `sim: warning: ${file}: --set strategies.server-10s.timeout=75000: at strategies[0].timeout: ` +
        '75000 is read as seconds (20h50m); if milliseconds were meant, write "75000ms" (1m15s)\n',
    );
    const q = sim(["run", file, ...set, "--out", "out", "--quiet"], dir);
    expect(q.code).toBe(0);
    expect(q.stderr).toBe("");
  });
});
