// Every injected crash is accounted for once: released after it (detected),
// still tracked at the end (missed), or neither (crashes_untracked: it
// crashed between connections, or a server restart forgot it), so
// crashes = detected + missed + crashes_untracked.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import { link, plan, S, strategy } from "../support/plan.js";

describe("crash accounting", () => {
  it("a restart that forgets crashed clients before their timeout: every crash untracked", () => {
    // half the clients crash at 100 s; the server restarts at 101 s, long
    // before the 75 s timeout could release them, and forgets everyone; the
    // crashed never come back, the live reconnect
    const s = strategy({ name: "c", initiator: "client" });
    const p = plan({ count: 400, durationUs: 600 * S, crash: { fraction: 0.5, fromUs: 100 * S, toUs: 100 * S }, uplink: link(10_000), downlink: link(10_000), strategies: [s] });
    const r = runStrategy({ ...p, server: { restarts: [{ atUs: 101 * S, downForUs: 5 * S }] } }, s, 0).summary;
    expect(r.crashes as number).toBeGreaterThan(150);
    expect(r.detected).toBe(0);
    expect(r.missed).toBe(0);
    expect(r.crashes_untracked).toBe(r.crashes);
  });

  it("crashes while every connection is down: untracked; a crash while tracked: detected", () => {
    // every uplink message is lost, so no client is ever tracked: all crashes untracked
    const s = strategy({ name: "c", initiator: "client" });
    const dead = plan({ count: 100, durationUs: 600 * S, crash: { fraction: 0.5, fromUs: 100 * S, toUs: 200 * S }, uplink: link(10_000, 1), strategies: [s] });
    const d = runStrategy(dead, s, 0).summary;
    expect(d.crashes as number).toBeGreaterThan(30);
    expect([d.detected, d.missed, d.crashes_untracked]).toEqual([0, 0, d.crashes]);
    // loss-free: every crash at 100-200 s is released within timeout + delay, long before 600 s
    const live = runStrategy({ ...dead, network: { ...dead.network, uplink: link(10_000) } }, s, 0).summary;
    expect([live.detected, live.missed, live.crashes_untracked]).toEqual([live.crashes, 0, 0]);
  });

  it("a crash still tracked at the end is missed", () => {
    const s = strategy({ name: "c", initiator: "client" });
    // crashes in the last 30 s of the run, shorter than the 75 s timeout
    const p = plan({ count: 100, durationUs: 600 * S, crash: { fraction: 0.5, fromUs: 570 * S, toUs: 600 * S }, uplink: link(10_000), downlink: link(10_000), strategies: [s] });
    const r = runStrategy(p, s, 0).summary;
    expect([r.detected, r.missed, r.crashes_untracked]).toEqual([0, r.crashes, 0]);
  });
});
