// --set PATH=VALUE overrides: applied to the raw JSON, then validated like the file.
import { describe, expect, test } from "vitest";
import { expectError, FILE, load, scenario, userError } from "./fixtures.js";
import { S } from "../support/plan.js";

const two = () =>
  scenario((s) => {
    s.strategies = [
      { name: "server-30s", initiator: "server", interval: "30s", timeout: "75s" },
      { name: "client-30s", initiator: "client", interval: "30s", timeout: "75s" },
    ];
  });

function setError(sets: string[], base = two()): string {
  return userError(() => load(base, { sets })).message;
}

describe("values", () => {
  test("a number", () => {
    expect(load(two(), { sets: ["clients.count=1000"] }).clients.count).toBe(1000);
  });

  test("text that is not JSON is a string", () => {
    expect(load(two(), { sets: ["duration=2h"] }).durationUs).toBe(7200 * S);
  });

  test("JSON objects and booleans", () => {
    const plan = load(two(), { sets: ['network.link.loss={"model":"bernoulli","p":0.1}', "strategies.1.ack=false"] });
    expect(plan.network.uplink.loss).toEqual({ model: "bernoulli", p: 0.1 });
    expect(plan.strategies[1].ack).toBe(false);
  });

  test("a value is validated like the file's own", () => {
    // blamed on the flag, not the file: the file is fine
    expectError(two(), '--set clients.count=lots: at clients.count: expected an integer from 1 to 10,000,000, found "lots"', { sets: ["clients.count=lots"] });
  });

  test("a new final key is judged by validation", () => {
    expectError(two(), '--set clients.cuont=5: at clients: unknown key "cuont" (did you mean "count"?)', { sets: ["clients.cuont=5"] });
  });

  test("a value containing '=' keeps it", () => {
    expect(load(two(), { sets: ["description=a=b"] }).description).toBe("a=b");
  });

  test("sets apply in order, the last one wins", () => {
    expect(load(two(), { sets: ["seed=5", "seed=6"] }).seed).toBe(6);
  });
});

describe("array elements", () => {
  test("by strategy name", () => {
    const plan = load(two(), { sets: ["strategies.client-30s.interval=10s"] });
    expect(plan.strategies[1].intervalUs).toBe(10 * S);
    expect(plan.strategies[0].intervalUs).toBe(30 * S);
  });

  test("by index", () => {
    expect(load(two(), { sets: ["strategies.0.timeout=90s"] }).strategies[0].timeoutUs).toBe(90 * S);
  });

  test("by a name that contains dots", () => {
    const base = scenario((s) => (s.strategies[0].name = "server-1.5s"));
    expect(load(base, { sets: ["strategies.server-1.5s.timeout=2m"] }).strategies[0].timeoutUs).toBe(120 * S);
  });

  test("one past the end appends", () => {
    const plan = load(two(), {
      sets: ['strategies.2={"name":"x","initiator":"server","interval":"1m","timeout":"3m"}'],
    });
    expect(plan.strategies.map((s) => s.name)).toEqual(["server-30s", "client-30s", "x"]);
  });
});

describe("bad paths", () => {
  test("a misspelt intermediate key is caught by validation with a hint", () => {
    expectError(two(), 'at clients: unknown key "cuont" (did you mean "count"?)', { sets: ["clients.cuont.x=1"] });
  });

  test("an object the file leaves to its defaults is created", () => {
    expect(load(two(), { sets: ["metrics.bucket=10s"] }).bucketUs).toBe(10 * S);
    const plan = load(two(), { sets: ["clients.reconnect.delay=2s"] });
    expect(plan.clients.reconnect.delayUs).toBe(2 * S);
    expect(plan.clients.reconnect.maxDelayUs).toBe(300 * S); // the other defaults stay
  });

  test("an unknown strategy name suggests the closest", () => {
    expect(setError(["strategies.clinet-30s.interval=1s"])).toBe(
      `--set strategies.clinet-30s.interval: strategies.clinet-30s does not exist in ${FILE} ` +
        '(did you mean "client-30s"? strategies has: 0, 1, server-30s, client-30s)',
    );
  });

  test("an index out of range", () => {
    expect(setError(["strategies.5.interval=1s"])).toBe(
      `--set strategies.5.interval: strategies.5 does not exist in ${FILE} (strategies has: 0, 1, server-30s, client-30s)`,
    );
  });

  test("a path through a plain value", () => {
    expect(setError(["clients.count.x=1"])).toBe(`--set clients.count.x: clients.count is 10 in ${FILE}, not an object or array`);
  });

  test.each(["__proto__.polluted=1", "clients.constructor=1", "strategies.0.prototype.x=1", "clients.__proto__=1"])(
    "%s is refused, and nothing is polluted",
    (set) => {
      const bad = set.split("=")[0].split(".").find((s) => ["__proto__", "constructor", "prototype"].includes(s));
      expect(setError([set])).toBe(`--set ${set.split("=")[0]}: "${bad}" may not appear in a path`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  test("missing '='", () => {
    expect(setError(["clients.count"])).toBe("--set clients.count: expected PATH=VALUE, e.g. clients.count=1000");
  });

  test("an empty segment", () => {
    expect(setError(["clients..count=1"])).toBe(
      "--set clients..count: expected a dotted path such as clients.count, with no empty part",
    );
  });
});
