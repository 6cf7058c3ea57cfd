// The build leaves a code cache that this Node accepts for the bundle the bin
// starts: a cache V8 rejected would cost nothing visible but the start-up
// time it was made to save.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CODE_CACHE, compileBundle } from "../../dist/cli/code-cache.js";

describe("code cache", () => {
  it("is built beside the bundle and accepted by this Node", () => {
    expect(existsSync(CODE_CACHE)).toBe(true);
    expect(compileBundle().cachedDataRejected).toBe(false);
  });
});
