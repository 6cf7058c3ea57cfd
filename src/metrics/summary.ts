// From a run's records to its summary row: a pure function, no I/O.
import type { SummaryRow } from "./columns.js";
import { mean, nearestRank, sortNumbers } from "./percentile.js";
import type { Recorder } from "./recorder.js";
import type { Detections, Timeseries } from "./types.js";

const US = 1e6;
const US_PER_HOUR = 3600e6;

export interface RunFacts {
  readonly scenario: string;
  readonly strategy: string;
  readonly replication: number;
  readonly seed: number;
  readonly clients: number;
  readonly durationUs: number;
  readonly crashes: number;
  /** crashed clients the server still tracked at the end */
  readonly missed: number;
  /**
   * crashed clients neither released after their crash nor tracked at the
   * end: they crashed between connections, or a restart forgot them; so
   * crashes = detected + missed + crashesUntracked
   */
  readonly crashesUntracked: number;
  /** µs of live time after each client's first tracking, summed */
  readonly liveOnceConnectedUs: number;
  readonly events: number;
  readonly fingerprint: string;
  /** restart-notice latencies in µs; null for a scenario without restarts */
  readonly noticeUs: Float64Array | null;
  /** radio totals over every client; null without a radio model */
  readonly radio: { readonly energyJ: number; readonly wakeups: number } | null;
  /** the strategy's settings, written beside its results */
  readonly settings: StrategySettings;
}

export interface StrategySettings {
  readonly initiator: string;
  /** the interval (an adaptive one's starting interval) */
  readonly intervalUs: number;
  readonly timeoutUs: number;
  readonly clientTimeoutUs: number;
  readonly detector: string;
  /** null where the setting does not apply (ack for server pings, schedule for client beats) */
  readonly ack: boolean | null;
  readonly piggyback: boolean;
  readonly schedule: string | null;
  readonly jitter: number;
  readonly transport: string;
}

function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** latencies of the releases of crashed clients, in seconds, sorted */
function crashLatenciesS(d: Detections): Float64Array {
  let n = 0;
  for (let k = 0; k < d.count; k++) n += d.crashed[k];
  const out = new Float64Array(n);
  let j = 0;
  for (let k = 0; k < d.count; k++) if (d.crashed[k] === 1) out[j++] = d.latencyUs[k] / US;
  return sortNumbers(out);
}

/** max over buckets of (in + out) per second; the last bucket may be shorter */
function peakRate(ts: Timeseries, durationUs: number): number {
  let peak = 0;
  const n = ts.serverIn.length;
  for (let b = 0; b < n; b++) {
    const widthUs = Math.min(ts.bucketUs, durationUs - b * ts.bucketUs);
    const rate = ((ts.serverIn[b] + ts.serverOut[b]) * US) / widthUs;
    if (rate > peak) peak = rate;
  }
  return peak;
}

export function summarize(facts: RunFacts, rec: Recorder, ts: Timeseries, det: Detections): SummaryRow {
  const durationS = facts.durationUs / US;
  const lat = crashLatenciesS(det);
  const notice = facts.noticeUs ? sortNumbers(facts.noticeUs.map((us) => us / US)) : null;
  const clients = facts.clients;
  return {
    scenario: facts.scenario,
    strategy: facts.strategy,
    replication: facts.replication,
    seed: facts.seed,
    clients,
    duration_s: durationS,
    server_msgs_in: rec.serverIn,
    server_msgs_out: rec.serverOut,
    server_msgs_per_s_mean: (rec.serverIn + rec.serverOut) / durationS,
    server_msgs_per_s_peak: peakRate(ts, facts.durationUs),
    crashes: facts.crashes,
    detected: rec.detected,
    missed: facts.missed,
    detection_latency_mean_s: orNull(mean(lat)),
    detection_latency_p50_s: orNull(nearestRank(lat, 50)),
    detection_latency_p90_s: orNull(nearestRank(lat, 90)),
    detection_latency_p99_s: orNull(nearestRank(lat, 99)),
    detection_latency_max_s: orNull(nearestRank(lat, 100)),
    false_positives: rec.falsePositives,
    false_positives_unreachable: rec.falsePositivesUnreachable,
    false_positives_per_client_hour:
      rec.liveTrackedUs > 0 ? rec.falsePositives / (rec.liveTrackedUs / US_PER_HOUR) : null,
    mistake_duration_mean_s: rec.mistakes > 0 ? rec.mistakeSumUs / rec.mistakes / US : null,
    query_accuracy: facts.liveOnceConnectedUs > 0 ? rec.liveTrackedUs / facts.liveOnceConnectedUs : null,
    client_tx_msgs_mean: rec.clientTx / clients,
    client_rx_msgs_mean: rec.clientRx / clients,
    client_tx_per_hour_mean: rec.clientTx / clients / (facts.durationUs / US_PER_HOUR),
    // per client and simulated hour, over every client (a crashed one idles)
    client_energy_j_per_hour_mean: facts.radio ? facts.radio.energyJ / clients / (facts.durationUs / US_PER_HOUR) : null,
    client_wakeups_per_hour_mean: facts.radio ? facts.radio.wakeups / clients / (facts.durationUs / US_PER_HOUR) : null,
    client_detection_latency_mean_s: notice ? orNull(mean(notice)) : null,
    client_detection_latency_p99_s: notice ? orNull(nearestRank(notice, 99)) : null,
    reconnects: rec.reconnects,
    events: facts.events,
    fingerprint: facts.fingerprint,
    crashes_untracked: facts.crashesUntracked,
    ...settingsCells(facts.settings),
  };
}

function settingsCells(s: StrategySettings) {
  return {
    initiator: s.initiator,
    interval_s: s.intervalUs / US,
    timeout_s: s.timeoutUs / US,
    client_timeout_s: s.clientTimeoutUs / US,
    detector: s.detector,
    ack: s.ack === null ? null : String(s.ack),
    piggyback: String(s.piggyback),
    schedule: s.schedule,
    jitter: s.jitter,
    transport: s.transport,
  };
}
