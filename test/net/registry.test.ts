// The loss and delay registries against the scenario schema: zod types a
// discriminated union only from a list written out in full, so each
// registry writes its laws twice (the spec list, and the schemas in the
// union beside it), and this holds the two equal.
import { describe, expect, it } from "vitest";
import { DELAY_LAWS, delayLawOf, delaySchema } from "../../src/net/delay/registry.js";
import { LOSS_LAWS, lossLawOf, lossSchema } from "../../src/net/loss/registry.js";

describe("the loss registry", () => {
  it("lists each law once, and the scenario schema offers exactly those, in that order", () => {
    const models = LOSS_LAWS.map((l) => l.model);
    expect(new Set(models).size).toBe(models.length);
    const offered = lossSchema.unwrap().options.map((o) => o.shape.model.value);
    expect(offered).toEqual(models);
    for (const law of LOSS_LAWS) expect(lossLawOf(law)).toBe(law);
  });

  it("gives each law examples for the contract suite", () => {
    for (const law of LOSS_LAWS) expect(law.examples.length, law.model).toBeGreaterThan(0);
  });

  it("refuses a law it does not list", () => {
    expect(() => lossLawOf({ model: "unknown" as never })).toThrow('no loss law "unknown"');
  });
});

describe("the delay registry", () => {
  it("lists each law once, and the scenario schema offers exactly those, in that order", () => {
    const dists = DELAY_LAWS.map((l) => l.dist);
    expect(new Set(dists).size).toBe(dists.length);
    const offered = delaySchema.options.map((o) => o.shape.dist.value);
    expect(offered).toEqual(dists);
    for (const law of DELAY_LAWS) expect(delayLawOf(law)).toBe(law);
  });

  it("gives each law examples for the contract suite", () => {
    for (const law of DELAY_LAWS) expect(law.examples.length, law.dist).toBeGreaterThan(0);
  });

  it("refuses a law it does not list", () => {
    expect(() => delayLawOf({ dist: "unknown" as never })).toThrow('no delay law "unknown"');
  });
});
