// The compiler's inlining budget is raised for long runs only (why, and the
// measurements: src/parallel/inlining-budget.ts). It is the process's, so
// the cases run in order: a short run leaves it, a long one raises it, and
// it stays raised.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inliningBudgetFor, LONG_RUN_EVENTS } from "../../src/parallel/inlining-budget.js";
import { eventsOf } from "../../src/parallel/pool.js";
import { planJobs } from "../../src/run.js";
import { parseScenario } from "../../src/scenario/load.js";

const FILE = "scenarios/10k-mobile.json";
/** 10k-mobile's estimated events at this many phones, as startJobs counts them for all its jobs */
const eventsAt = (count: number) => {
  const plan = parseScenario(readFileSync(FILE, "utf8"), FILE, { sets: [`clients.count=${count}`] });
  return eventsOf(planJobs(plan).map((job) => ({ plan, job })));
};

describe("the inlining budget", () => {
  it("stays at V8's default for 10k-mobile and is raised for it at 100,000 phones (as measured)", () => {
    expect(eventsAt(10_000)).toBeLessThan(LONG_RUN_EVENTS);
    expect(inliningBudgetFor(eventsAt(10_000))).toBe(false);
    expect(eventsAt(100_000)).toBeGreaterThanOrEqual(LONG_RUN_EVENTS);
    expect(inliningBudgetFor(eventsAt(100_000))).toBe(true);
  });
  it("stays raised for the rest of the process", () => {
    expect(inliningBudgetFor(0)).toBe(true);
  });
});
