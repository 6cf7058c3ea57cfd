// How big a run will be, from its plan alone: the parallel layer sizes its
// threads by it (src/parallel/pool.ts).
import { lossLawOf } from "../net/loss/registry.js";
import type { LossPlan, Plan, StrategyPlan } from "../scenario/plan.js";
import { makeDetector } from "../strategies/index.js";
import { detectorTellsRounds, quietRoundsHold, tcpRoundsHold } from "./shortcut-scope.js";

/**
 * Roughly how many events one run of this strategy takes: a size, not a
 * promise. Measured per client and heartbeat round (1,000 clients, the
 * reference link, loss 0 to 10% each way): about 3 events as events (TCP,
 * jitter, a global tick, other detectors; 2 with booked ACKs), 4.5 over
 * Linux's TCP (its pure ACKs; a timer is an event only when it fires, its
 * ACK late or lost), and where its rounds run at once 0.07 + 9.2 g for g
 * the chance that a round goes the events' way: its answer lost, or its
 * first transmission and then the probe's copy or the pure ACK (measured
 * 0.067 at no loss, 0.256 at 2% each way, 1.17 at 10%, for client beats;
 * pings taken to be the same): a lost pure ACK the answer's tail loss probe
 * makes good at once, a lost or slow first transmission the probe's copy, a lost
 * answer mostly lets both segments' probes fire, and then the round runs as
 * its events and the round after it starts the next run of rounds at once
 * with an event of its own.
 * App requests break those runs too: each is an event, and the round after
 * it another. Outages and reconnects add their own, which this leaves out
 * (10k-mobile's Socket.IO runs 1.9x this, its MQTT 1.8x). With quiet rounds 0.07 to 0.1,
 * plus the rounds with a loss, which run as events, in pairs: 0.085 + 12
 * f^2 for f the chance that a round loses a message (measured 0.12 at 2%
 * loss each way, 0.54 at 10%). Within 1.5x of every case measured
 * (test/parallel/threads.test.ts).
 */
export function estimatedEvents(plan: Plan, s: StrategyPlan): number {
  const rounds = (plan.clients.count * plan.durationUs) / s.intervalUs;
  const t = plan.network.transport;
  const up = meanLoss(plan.network.uplink.loss);
  const down = meanLoss(plan.network.downlink.loss);
  if (t.kind === "tcp" && t.model === "linux") {
    if (!tcpRoundsHold(plan, s) || !detectorTellsRounds(s, makeDetector(s))) return 4.5 * rounds;
    // a beat's round sends up, down, up (and a lost beat's copy up); a ping's down, up, down
    const [first, answer] = s.initiator === "client" ? [up, down] : [down, up];
    const g = answer + first * (1 - (1 - first) * (1 - first));
    const traffic = plan.clients.traffic;
    const requests = traffic ? (plan.clients.count * plan.durationUs) / traffic.meanIntervalUs : 0;
    return (0.07 + 9.2 * g) * rounds + 2 * requests;
  }
  if (!quietRoundsHold(plan, s)) return 3 * rounds;
  const f = 1 - (1 - up) * (1 - down);
  return (0.085 + 12 * f * f) * rounds;
}

/** the long-run share of a direction's messages lost: the loss law's own closed form (src/net/loss/) */
function meanLoss(loss: LossPlan): number {
  return lossLawOf(loss).longRunLoss(loss);
}
