// Application traffic and piggyback, against closed forms on loss-free links.
import { describe, expect, it } from "vitest";
import { runStrategy } from "../../src/run.js";
import type { Plan, StrategyPlan } from "../../src/scenario/plan.js";
import { link, plan, S, strategy } from "../support/plan.js";

const d = 1_000;
const eta = 30 * S;
const mean = 60 * S; // Poisson requests, rate λ = 1/60 s
const D = 3600 * S;
const N = 1000;

function withTraffic(s: StrategyPlan): Plan {
  const p = plan({ count: N, durationUs: D, connectSpreadUs: 0, uplink: link(d), downlink: link(d), strategies: [s] });
  return { ...p, clients: { ...p.clients, traffic: { meanIntervalUs: mean } } };
}

describe("application traffic", () => {
  it("requests are Poisson: λ per client-hour, each answered; plain heartbeats come on top", () => {
    const s = strategy({ name: "c", initiator: "client", intervalUs: eta });
    const r = runStrategy(withTraffic(s), s, 0).summary;
    // per client over the hour: 1 CONNECT + 119 HBs (the 120th would leave at 3600 s + 2d) + Poisson(60) requests
    const requests = (r.client_tx_msgs_mean as number) - 1 - 119;
    expect(Math.abs(requests - 60)).toBeLessThan(4 * Math.sqrt(60 / N));
    expect(r.false_positives).toBe(0);
  });
});

describe("piggyback (MQTT's keep-alive rule)", () => {
  // After each message the client sends, the next one is a request if one
  // comes within η (Exp(λ) < η), else a heartbeat at η: sends renew with gaps
  // min(Exp(λ), η), mean (1 − e^{−λη})/λ, and a gap ends in a heartbeat with
  // probability e^{−λη}. So heartbeats per hour = 3600·λ·e^{−λη}/(1 − e^{−λη}),
  // 92.5 here instead of 120, while requests stay at 60.
  //
  // Over one finite hour each client's sends (requests and heartbeats) are the
  // count of a renewal process with cycles X = min(Exp(λ), η): mean
  // μ = (1 − e^{−λη})/λ, E[X²] = 2(1 − e^{−λη}(1 + λη))/λ², so
  // E[count] = t/μ + (σ² − μ²)/(2μ²) (about 152.5 − 0.42) and
  // Var[count] = tσ²/μ³ (about 25, less than a Poisson count's 152: the
  // cycles are capped at η). Requests are Poisson with mean λt = 60, so
  // heartbeats are the rest. The 2d of each round trip shifts the mean by
  // under 0.01 per hour.
  const lambda = 1 / (mean / S);
  const etaS = eta / S;
  const q = Math.exp(-lambda * etaS);
  const hbPerHour = (3600 * lambda * q) / (1 - q);
  const mu = (1 - q) / lambda;
  const sigma2 = (2 * (1 - q * (1 + lambda * etaS))) / lambda ** 2 - mu ** 2;
  const sendsPerHour = 3600 / mu + (sigma2 - mu ** 2) / (2 * mu ** 2);
  const se = Math.sqrt((3600 * sigma2) / mu ** 3 / N); // of the mean over N clients

  it("client heartbeats go out only after an interval of silence", () => {
    expect(3600 / mu).toBeCloseTo(60 + hbPerHour, 9); // the two forms of the long-run rate agree
    const s = strategy({ name: "p", initiator: "client", intervalUs: eta, piggyback: true });
    const r = runStrategy(withTraffic(s), s, 0).summary;
    const tx = r.client_tx_per_hour_mean as number;
    // the CONNECT, then the renewal's sends
    expect(Math.abs(tx - (1 + sendsPerHour))).toBeLessThan(4 * se);
    expect(r.false_positives).toBe(0);
  });

  it("server pings skip clients heard within the interval", () => {
    // the same renewal with the server's view: requests arrive Poisson, a ping
    // goes out η after the last thing heard and its PONG is heard 2d later;
    // the server sends a CONNECT_ACK, then one answer per request and the pings
    const s = strategy({ name: "p", initiator: "server", intervalUs: eta, piggyback: true });
    const r = runStrategy(withTraffic(s), s, 0).summary;
    const out = (r.server_msgs_out as number) / N;
    expect(Math.abs(out - (1 + sendsPerHour))).toBeLessThan(4 * se);
    expect(r.false_positives).toBe(0);
  });
});
