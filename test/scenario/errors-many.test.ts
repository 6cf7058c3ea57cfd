// A file with several mistakes reports them all at once, a line each, so a
// user mends them in one go; a value given by a flag is blamed on the flag;
// an enum suggests the allowed value closest to what was typed.
import { describe, expect, test } from "vitest";
import { MAX_PROBLEMS } from "../../src/scenario/messages.js";
import { expectError, expectErrors, load, scenario, userError } from "./fixtures.js";

describe("several mistakes in one file", () => {
  test("the schema's, all of them", () => {
    expectErrors(
      scenario((s) => {
        s.clients = { cuont: 100, crash: { fraction: 2, between: ["1m", "2m"] } };
        s.network.link.delay.value = "30 sec";
        s.strategies[0].initiator = "Server";
      }),
      [
        "at clients.crash.fraction: expected a number from 0 to 1, found 2",
        'at clients: unknown key "cuont" (did you mean "count"?)',
        'at network.link.delay.value: expected a duration such as "250ms", "30s", "1m30s", "1.5h" (units us, ms, s, m, h, d) or a number of seconds, found "30 sec"',
        'at strategies[0].initiator: expected one of "server", "client", found "Server" (did you mean "server"?)',
      ],
    );
  });

  test("a misspelt key is reported once, not also as the key it should have been", () => {
    // "count" is required: without the filter its absence would be a second line
    expectErrors(
      scenario((s) => (s.clients = { cuont: 100 })),
      ['at clients: unknown key "cuont" (did you mean "count"?)'],
    );
  });

  test("several unknown keys in one object, each with its own hint", () => {
    expectErrors(
      scenario((s) => (s.clients = { count: 1, spred: "1s", crsh: {} })),
      // "spred" is too far from every key for a hint
      ['at clients: unknown key "spred"', 'at clients: unknown key "crsh" (did you mean "crash"?)'],
    );
  });

  test("the rules', one per strategy", () => {
    expectErrors(
      scenario((s) => {
        s.strategies = [
          { name: "a", initiator: "server", interval: "30s", timeout: "20s" },
          { name: "b", initiator: "server", interval: "30s", timeout: "75s", ack: true },
        ];
      }),
      [
        "at strategies[0].timeout: expected a timeout longer than the interval (30s), found 20s: every connection would be released between two heartbeats",
        'at strategies[1].ack: expected nothing ("ack" applies to client-initiated strategies only: a client always answers a server ping), found true',
      ],
    );
  });

  test(`at most ${MAX_PROBLEMS} are listed, and the rest counted`, () => {
    const s = scenario((x) => {
      x.strategies = Array.from({ length: MAX_PROBLEMS + 5 }, (_, k) => ({ name: `s${k}`, initiator: "server", interval: "30s", timeout: "10s" }));
    });
    const lines = userErrorLines(() => load(s));
    expect(lines).toHaveLength(MAX_PROBLEMS + 1);
    expect(lines[MAX_PROBLEMS]).toBe("f.json: 5 more problems not listed; mend these first");
  });
});

function userErrorLines(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    return (e as { lines: readonly string[] }).lines;
  }
  throw new Error("expected an error");
}

describe("values from flags are blamed on the flag", () => {
  test("--set: the flag as typed, then where it landed", () => {
    expectError(
      scenario(() => {}),
      '--set strategies.s.initiator=Server: at strategies[0].initiator: expected one of "server", "client", found "Server" (did you mean "server"?)',
      { sets: ["strategies.s.initiator=Server"] },
    );
  });

  test("a flag that edits the scenario is named as typed", () => {
    expectError(scenario(() => {}), '--seed abc: at seed: expected an integer from 0 to 4,294,967,295, found "abc"', {
      sets: [{ set: "seed=abc", as: "--seed abc" }],
    });
  });

  test("the file's own mistakes stay the file's", () => {
    expectErrors(
      scenario((s) => (s.strategies[0].initiator = "sever")),
      ["--set clients.count=0: at clients.count: expected an integer from 1 to 10,000,000, found 0", 'at strategies[0].initiator: expected one of "server", "client", found "sever" (did you mean "server"?)'],
      { sets: ["clients.count=0"] },
    );
  });

  test("a later edit of the same place is the one blamed", () => {
    expectError(scenario(() => {}), "--set clients.count=0: at clients.count: expected an integer from 1 to 10,000,000, found 0", {
      sets: ["clients.count=5", "clients.count=0"],
    });
  });

  test("no hint where nothing is close", () => {
    expect(userError(() => load(scenario((s) => (s.strategies[0].initiator = "both")))).message).not.toContain("did you mean");
  });
});
