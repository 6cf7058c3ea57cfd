// Clients are numbered in the order they first connect (src/model/world.ts):
// a relabelling of iid uniform instants, so the instants must still be
// uniform over the spread, and nothing else drawn per client (crashes) may
// depend on the number.
import { describe, expect, it } from "vitest";
import { World } from "../../src/model/world.js";
import { makeDetector, makePolicy } from "../../src/strategies/index.js";
import { link, plan, S, strategy } from "../support/plan.js";

const n = 4000;
const spreadUs = 30 * S;
const d = 10_000;

function firstConnects(): { connectUs: number[]; crashed: boolean[] } {
  const s = strategy({ name: "c", initiator: "client" });
  const p = plan({
    count: n,
    connectSpreadUs: spreadUs,
    durationUs: 3600 * S,
    crash: { fraction: 0.3, fromUs: 600 * S, toUs: 3000 * S },
    uplink: link(d),
    downlink: link(d),
    strategies: [s],
  });
  const w = new World(p, s, 0, makePolicy(s), makeDetector(s));
  // loss-free: the server accepts each CONNECT d after it left and has heard
  // nothing else before the client's first heartbeat, 30 s later
  w.sim.run(spreadUs + d + 1);
  const connectUs: number[] = [];
  const crashed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    connectUs.push(w.state.serverHeard(i) - d);
    crashed.push(w.state.crashAt(i) !== Infinity);
  }
  return { connectUs, crashed };
}

describe("client numbering", () => {
  const { connectUs, crashed } = firstConnects();

  it("client i connects no later than client i + 1", () => {
    for (let i = 1; i < n; i++) expect(connectUs[i]).toBeGreaterThanOrEqual(connectUs[i - 1]);
  });

  it("the instants stay uniform over the spread (Kolmogorov-Smirnov, 1% level)", () => {
    // sorted already: the empirical CDF steps at connectUs[i]
    let dMax = 0;
    for (let i = 0; i < n; i++) {
      const f = connectUs[i] / spreadUs;
      dMax = Math.max(dMax, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    expect(dMax).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it("crashes do not depend on the number: each half crashes at the drawn rate", () => {
    // binomial(n/2, 0.3) per half: SE = sqrt(0.3 * 0.7 / 2000) = 1.02%; 4 SE
    const rate = (from: number, to: number) => crashed.slice(from, to).filter(Boolean).length / (to - from);
    expect(Math.abs(rate(0, n / 2) - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / (n / 2)));
    expect(Math.abs(rate(n / 2, n) - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / (n / 2)));
  });
});
