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

describe("the probing schedule", () => {
  it("each level lasts exactly `successes` beats: WeChat's 'each 3 successes add 60 s'", () => {
    // One client over loss-free 10 ms links: connected at 20 ms (CONNECT and
    // CONNECT_ACK), each heartbeat heard 10 ms after it leaves. WeChat's rule
    // by hand: 3 beats at 270 s, 3 at 330 s, ... up to 890 s (270 + 10 * 60
    // = 870, then capped), so the heartbeats leave at 20 ms + the running
    // sums of [270 x3, 330 x3, ..., 870 x3, 890, 890, ...] seconds.
    const adaptive = { minUs: 270 * S, maxUs: 890 * S, stepUs: 60 * S, successes: 3, settleBackUs: 20 * S, failures: 3 };
    const s = strategy({ name: "smart", initiator: "client", intervalUs: 270 * S, timeoutUs: 1200 * S, adaptive });
    const durationUs = 10 * 3600 * S;
    const p = plan({ count: 1, connectSpreadUs: 0, durationUs, uplink: link(10_000), downlink: link(10_000), strategies: [s], bucketUs: 10_000 });
    const w = new World(p, s, 0, makePolicy(s), makeDetector(s));
    w.sim.run(durationUs);
    const heard: number[] = [];
    const serverIn = w.rec.timeseries().serverIn;
    for (let b = 0; b < serverIn.length; b++) if (serverIn[b] > 0) heard.push(b * 10_000);
    expect(heard.shift()).toBe(10_000); // the CONNECT
    const expected: number[] = [];
    let t = 20_000;
    for (let level = 0; ; level++) {
      const gapUs = Math.min(270 + 60 * level, 890) * S;
      for (let k = 0; k < 3; k++) {
        t += gapUs;
        if (t + 10_000 < durationUs) expected.push(t + 10_000);
      }
      if (t >= durationUs) break;
    }
    expect(heard).toEqual(expected);
    expect(w.adaptive!.intervalUs(0)).toBe(890 * S);
  });
});

describe("the probing schedule with jitter", () => {
  it("still climbs: a beat counts for the interval it tried, whatever its jittered gap", () => {
    const adaptive = { minUs: 270 * S, maxUs: 890 * S, stepUs: 60 * S, successes: 3, settleBackUs: 20 * S, failures: 3 };
    const s = strategy({ name: "smart", initiator: "client", intervalUs: 270 * S, timeoutUs: 1200 * S, jitter: 0.1, adaptive });
    const p = plan({ count: 20, durationUs: 10 * 3600 * S, uplink: link(10_000), downlink: link(10_000), strategies: [s] });
    const w = new World(p, s, 0, makePolicy(s), makeDetector(s));
    w.sim.run(p.durationUs);
    // 11 levels of 3 beats, each at most 1.1 x 890 s: well within 10 hours
    for (let i = 0; i < w.count; i++) expect(w.adaptive!.intervalUs(i)).toBe(890 * S);
  });
});
