// The resolved scenario ("plan"): every default filled in, every duration
// converted once to integer microseconds, every range checked. Models and the
// runner only ever see a Plan, never the raw JSON, so they need no defaults
// and no unit parsing of their own.

// each delay and loss law's own settings: src/net/delay/<name>.ts, src/net/loss/<name>.ts
export type { DelayPlan } from "../net/delay/registry.js";
export type { LossPlan } from "../net/loss/registry.js";
import type { DelayPlan } from "../net/delay/registry.js";
import type { LossPlan } from "../net/loss/registry.js";
import type { TickRate } from "../net/ticks.js";

export interface LinkPlan {
  readonly delay: DelayPlan;
  readonly loss: LossPlan;
}

export interface ReconnectPlan {
  readonly delayUs: number;
  readonly backoff: number;
  readonly maxDelayUs: number;
  /** each wait is multiplied by a uniform factor in [1 - jitter, 1 + jitter] */
  readonly jitter: number;
  readonly connectTimeoutUs: number;
}

export interface CrashPlan {
  readonly fraction: number;
  readonly fromUs: number;
  readonly toUs: number;
}

/**
 * A client radio as one promotion and one tail (research notes §6): from
 * idle, activity costs promotionUs at promotionW; after the last activity the
 * radio stays up tailUs at tailW, then idles (idle power counts as 0).
 */
export interface RadioPlan {
  /** "lte", "3g", "wifi" for the presets, "custom" otherwise */
  readonly name: string;
  readonly promotionUs: number;
  readonly promotionW: number;
  readonly tailUs: number;
  readonly tailW: number;
}

export interface ClientsPlan {
  readonly count: number;
  readonly connectSpreadUs: number;
  /** fraction 0 when the scenario injects no crashes */
  readonly crash: CrashPlan;
  readonly reconnect: ReconnectPlan;
  /** application requests client -> server, a Poisson process per client; absent = none */
  readonly traffic?: { readonly meanIntervalUs: number };
  /** null = no radio model (no energy or wake-up columns) */
  readonly radio: RadioPlan | null;
}

/** Per client, alternating exponential up and down periods; down drops everything both ways. */
export interface OutagesPlan {
  readonly meanUpUs: number;
  readonly meanDownUs: number;
}

export type TransportPlan =
  | { readonly kind: "datagram" }
  /** RTO starts at rtoMinUs, doubles up to rtoMaxUs; broken after `retries` failed retransmissions */
  | {
      readonly kind: "tcp";
      /** "simple": loss known to the simulator, RTO from rtoMin doubling; "linux": ACKs, Linux's RTO, TLP (src/model/tcp-linux.ts) */
      readonly model: "simple" | "linux";
      readonly rtoMinUs: number;
      readonly rtoMaxUs: number;
      readonly retries: number;
      /** the Linux model's kernel tick rate: timeouts in whole jiffies, fired by the timer wheel (src/net/ticks.ts); 0: exact µs */
      readonly hz: TickRate;
    };

export interface NetworkPlan {
  readonly uplink: LinkPlan;
  readonly downlink: LinkPlan;
  /** absent = paths never go down */
  readonly outages?: OutagesPlan;
  /** a NAT mapping expires after this long without traffic; 0 = no NAT */
  readonly natIdleTimeoutUs: number;
  readonly transport: TransportPlan;
}

/** The server loses every connection at atUs and drops all arrivals until atUs + downForUs. */
export interface RestartPlan {
  readonly atUs: number;
  readonly downForUs: number;
}

export interface ServerPlan {
  /** sorted by atUs, non-overlapping, each ending within the run; [] = none */
  readonly restarts: readonly RestartPlan[];
}

// each detector's own settings: src/strategies/detectors/<name>/plan.ts
export type { DetectorPlan } from "../strategies/detectors/plans.js";
import type { DetectorPlan } from "../strategies/detectors/plans.js";

/**
 * WeChat-style interval probing (client initiator): start at minUs, add stepUs
 * after `successes` healthy periods up to maxUs; after a broken connection
 * settle at (last good - settleBackUs); `failures` consecutive failures when
 * settled start probing again from minUs. See src/model/components/adaptive.ts.
 */
export interface AdaptivePlan {
  readonly minUs: number;
  readonly maxUs: number;
  readonly stepUs: number;
  readonly successes: number;
  readonly settleBackUs: number;
  readonly failures: number;
}

export interface StrategyPlan {
  readonly name: string;
  readonly initiator: "server" | "client";
  /** the heartbeat period; with `adaptive`, the starting one (adaptive.minUs) */
  readonly intervalUs: number;
  /**
   * server-side silence limit (timeout detector); for the other detectors it
   * only sets the clientTimeout default (given, or derived: see resolve-strategy.ts)
   */
  readonly timeoutUs: number;
  readonly clientTimeoutUs: number;
  /** client initiator: the server answers each HB with ACK */
  readonly ack: boolean;
  readonly jitter: number;
  /** server initiator: per-connection timers, or one server-wide tick */
  readonly schedule: "per-client" | "global" | "after-answer";
  readonly detector: DetectorPlan;
  /** a heartbeat is only sent after intervalUs with no other message sent on that connection (MQTT) */
  readonly piggyback: boolean;
  /** client initiator only; null = fixed interval */
  readonly adaptive: AdaptivePlan | null;
}

export type Bound =
  | { readonly op: "min"; readonly value: number }
  | { readonly op: "max"; readonly value: number }
  | { readonly op: "eq"; readonly value: number }
  | { readonly op: "approx"; readonly value: number; readonly rel: number };

/** what an expectation judges: every replication, or one figure over them (their mean, or a bound of its 95% interval) */
export type Over = "each" | "mean" | "ci95_low" | "ci95_high";

export interface Expectation {
  /** a strategy name, or "*" for every strategy */
  readonly strategy: string;
  readonly column: string;
  readonly bound: Bound;
  readonly over: Over;
}

export interface Plan {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly replications: number;
  readonly durationUs: number;
  readonly clients: ClientsPlan;
  readonly network: NetworkPlan;
  readonly server: ServerPlan;
  readonly strategies: readonly StrategyPlan[];
  readonly bucketUs: number;
  readonly expect: readonly Expectation[];
  /** the `sweep` block as written (values unexpanded: src/sweep/points.ts); absent without one */
  readonly sweep?: SweepPlan;
}

/** A value as a sweep gives it: a number, a duration string, true/false, or text. */
export type SweepValue = number | string | boolean;

export type SweepAxis =
  | readonly SweepValue[]
  | { readonly from: number | string; readonly to: number | string; readonly step?: number | string; readonly factor?: number };

export interface SweepPlan {
  /** dotted path (as --set takes it) -> its values, in file order */
  readonly vary: Readonly<Record<string, SweepAxis>>;
  readonly zip: readonly (readonly string[])[];
  readonly invalid: "refuse" | "skip";
  readonly maxJobs: number;
}
