// The adaptive ("smart") heartbeat against a NAT timeout, derived by hand:
// WeChat's rule with min 270 s, step 60 s, 3 successes per step, settle back
// 20 s. Behind a NAT that drops a mapping idle for 400 s, a client beats 3
// times at 270 s, 330 s and 390 s (each acknowledged: the mapping was idle
// 390 s - 2d < 400 s), then tries 450 s, meets RESET (the mapping expired),
// and settles at 390 - 20 = 370 s for good: one broken connection per client.
import { describe, expect, it } from "vitest";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { World } from "../../src/model/world.js";
import type { Plan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";

describe("adaptive interval", () => {
  it("settles below the NAT timeout after exactly one broken connection", () => {
    const adaptive = { minUs: 270 * S, maxUs: 890 * S, stepUs: 60 * S, successes: 3, settleBackUs: 20 * S, failures: 3 };
    const s = strategy({ name: "smart", initiator: "client", intervalUs: 270 * S, timeoutUs: 1200 * S, adaptive });
    const base = plan({ count: 200, durationUs: 6 * 3600 * S, uplink: link(10_000), downlink: link(10_000), strategies: [s] });
    const p: Plan = { ...base, network: { ...base.network, natIdleTimeoutUs: 400 * S } };
    const w = new World(p, s, 0, makePolicy(s), makeDetector(s));
    w.sim.run(p.durationUs);
    expect(w.rec.reconnects).toBe(200);
    expect(w.rec.falsePositives).toBe(0);
    for (let i = 0; i < w.count; i++) {
      expect(w.adaptive!.intervalUs(i)).toBe(370 * S);
      expect(w.adaptive!.isSettled(i)).toBe(true);
    }
  });
});
