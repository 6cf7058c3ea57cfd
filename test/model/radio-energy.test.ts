// Radio energy through the whole model, against the closed form of the
// research notes (§6): one isolated heartbeat exchange costs one promotion
// plus one tail, E_hb = promotion·P_promotion + tail·P_tail, when the reply
// lands inside the promotion (2d < promotion) and beats are further apart
// than promotion + tail. A client connected for the whole hour then makes
// one exchange per interval plus its connect handshake.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import type { RadioPlan, StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";

const LTE: RadioPlan = { name: "lte", promotionUs: 260_000, promotionW: 1.21, tailUs: 11_576_000, tailW: 1.08 };
const E_HB = 0.26 * 1.21 + 11.576 * 1.08; // 12.81668 J
const eta = 30 * S;
const D = 3600 * S;

function energy(s: StrategyPlan, radio: RadioPlan | null) {
  const p = { ...plan({ count: 200, durationUs: D, uplink: link(20_000), downlink: link(20_000), strategies: [s] }) };
  const withRadio = { ...p, clients: { ...p.clients, radio } };
  return runStrategy(withRadio, s, 0).summary;
}

describe("radio energy (LTE) against one promotion plus one tail per exchange", () => {
  it.each([
    ["client-initiated", strategy({ name: "c", initiator: "client", intervalUs: eta })],
    ["server-initiated", strategy({ name: "s", initiator: "server", intervalUs: eta })],
  ])("%s, 30 s: (3600/η + handshake)·E_hb per client-hour, one wake-up per exchange", (_l, s) => {
    const r = energy(s, LTE);
    // the handshake at c in [0, 30 s), then beats at c + 2d + kη while < D:
    // 1 + floor((D - 30 s - 2d)/η) = 119 to 1 + floor((D - 2d)/η) = 120 exchanges
    const wakeups = r.client_wakeups_per_hour_mean as number;
    expect(wakeups).toBeGreaterThanOrEqual(119);
    expect(wakeups).toBeLessThanOrEqual(120);
    const j = r.client_energy_j_per_hour_mean as number;
    expect(j).toBeGreaterThan((wakeups - 1) * E_HB);
    expect(j).toBeLessThanOrEqual(wakeups * E_HB + 1e-6);
    expect(Math.abs(j - (3600 / 30) * E_HB) / ((3600 / 30) * E_HB)).toBeLessThan(0.01); // ≈ 1538 J/h
  });

  it("beats closer than the tail keep the radio up: one wake-up, about 3600·P_tail per hour", () => {
    const r = energy(strategy({ name: "c", initiator: "client", intervalUs: 5 * S, timeoutUs: 20 * S }), LTE);
    expect(r.client_wakeups_per_hour_mean).toBe(1);
    const expected = 0.26 * 1.21 + (3600 - 0.26) * 1.08; // the session spans the whole run
    expect(Math.abs((r.client_energy_j_per_hour_mean as number) - expected) / expected).toBeLessThan(0.01);
  });

  it("without a radio model the columns are empty", () => {
    const r = energy(strategy({ name: "c", initiator: "client" }), null);
    expect(r.client_energy_j_per_hour_mean).toBeNull();
    expect(r.client_wakeups_per_hour_mean).toBeNull();
  });
});
