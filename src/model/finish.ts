// Closing the books of a world at the end of its run: the facts that need a
// last look at every client (still tracked, missed crashes, live time).
import type { RunFacts, StrategySettings } from "../metrics/summary.js";
import type { World } from "./world.js";

export function closingFacts(w: World, scenario: string): RunFacts {
  const end = w.plan.durationUs;
  const t = w.state;
  const first = w.rec.firstTrackedUs;
  let missed = 0;
  let crashesUntracked = 0;
  let liveOnceConnectedUs = 0;
  for (let i = 0; i < w.count; i++) {
    const crashAt = t.crashAt(i);
    if (t.tracked(i)) {
      w.rec.stillTracked(i, end, crashAt);
      if (crashAt <= end) missed++;
    } else if (crashAt <= end && !w.rec.releasedAfterCrash(i)) {
      crashesUntracked++;
    }
    const since = first[i];
    if (!Number.isNaN(since)) {
      const until = crashAt < end ? crashAt : end;
      if (until > since) liveOnceConnectedUs += until - since;
    }
  }
  const radios = w.net.radios;
  radios?.finish(end);
  return {
    radio: radios ? { energyJ: radios.energyJ, wakeups: radios.wakeups } : null,
    noticeUs: w.plan.server.restarts.length > 0 ? w.rec.noticeLatenciesUs() : null,
    scenario,
    strategy: w.strategy.name,
    replication: w.replication,
    seed: w.plan.seed,
    clients: w.count,
    durationUs: end,
    crashes: w.crashes,
    missed,
    crashesUntracked,
    liveOnceConnectedUs,
    events: w.sim.events,
    fingerprint: w.sim.fingerprint(),
    settings: settingsOf(w),
  };
}

function settingsOf(w: World): StrategySettings {
  const s = w.strategy;
  const client = s.initiator === "client";
  return {
    initiator: s.initiator,
    intervalUs: s.intervalUs,
    timeoutUs: s.timeoutUs,
    clientTimeoutUs: s.clientTimeoutUs,
    detector: s.detector.kind,
    ack: client ? s.ack : null,
    piggyback: s.piggyback,
    schedule: client ? null : s.schedule,
    jitter: s.jitter,
    transport: w.plan.network.transport.kind,
  };
}
