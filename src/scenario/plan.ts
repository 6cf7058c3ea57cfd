// The resolved scenario ("plan"): every default filled in, every duration
// converted once to integer microseconds, every range checked. Models and the
// runner only ever see a Plan, never the raw JSON, so they need no defaults
// and no unit parsing of their own.

export type DelayPlan =
  | { readonly dist: "constant"; readonly valueUs: number }
  | { readonly dist: "uniform"; readonly minUs: number; readonly maxUs: number }
  | { readonly dist: "normal"; readonly meanUs: number; readonly sdUs: number }
  /** ln(delay in seconds) ~ N(mu, sigma); median/p99 files are converted to mu/sigma at load. */
  | { readonly dist: "lognormal"; readonly mu: number; readonly sigma: number }
  | { readonly dist: "exponential"; readonly meanUs: number }
  | { readonly dist: "pareto"; readonly minUs: number; readonly alpha: number };

export type LossPlan =
  | { readonly model: "none" }
  | { readonly model: "bernoulli"; readonly p: number }
  | {
      readonly model: "gilbert-elliott";
      readonly pGoodToBad: number;
      readonly pBadToGood: number;
      readonly lossGood: number;
      readonly lossBad: number;
    };

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

export interface ClientsPlan {
  readonly count: number;
  readonly connectSpreadUs: number;
  /** fraction 0 when the scenario injects no crashes */
  readonly crash: CrashPlan;
  readonly reconnect: ReconnectPlan;
}

export interface NetworkPlan {
  readonly uplink: LinkPlan;
  readonly downlink: LinkPlan;
}

export type DetectorPlan =
  | { readonly kind: "timeout" }
  | { readonly kind: "missed"; readonly threshold: number };

export interface StrategyPlan {
  readonly name: string;
  readonly initiator: "server" | "client";
  readonly intervalUs: number;
  /** server-side silence limit (timeout detector); for `missed` it only sets the clientTimeout default */
  readonly timeoutUs: number;
  readonly clientTimeoutUs: number;
  /** client initiator: the server answers each HB with ACK */
  readonly ack: boolean;
  readonly jitter: number;
  /** server initiator: per-connection timers, or one server-wide tick */
  readonly schedule: "per-client" | "global";
  readonly detector: DetectorPlan;
}

export type Bound =
  | { readonly op: "min"; readonly value: number }
  | { readonly op: "max"; readonly value: number }
  | { readonly op: "eq"; readonly value: number }
  | { readonly op: "approx"; readonly value: number; readonly rel: number };

export interface Expectation {
  /** a strategy name, or "*" for every strategy */
  readonly strategy: string;
  readonly column: string;
  readonly bound: Bound;
}

export interface Plan {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly replications: number;
  readonly durationUs: number;
  readonly clients: ClientsPlan;
  readonly network: NetworkPlan;
  readonly strategies: readonly StrategyPlan[];
  readonly bucketUs: number;
  readonly expect: readonly Expectation[];
}
