import type { SummaryRow } from "./columns.js";

/** Per-bucket counters of one run; bucket k covers [k*bucket, (k+1)*bucket). */
export interface Timeseries {
  readonly bucketUs: number;
  readonly serverIn: Float64Array;
  readonly serverOut: Float64Array;
  /** connections tracked by the server at the end of the bucket */
  readonly tracked: Float64Array;
  readonly releases: Float64Array;
  readonly falsePositives: Float64Array;
}

/** One row per release, in the order they happened. */
export interface Detections {
  readonly count: number;
  readonly client: Int32Array;
  readonly tUs: Float64Array;
  readonly crashed: Uint8Array;
  /** release time minus crash time; NaN when the client had not crashed */
  readonly latencyUs: Float64Array;
}

/** The outcome of one strategy in one replication. */
export interface StrategyRun {
  readonly strategy: string;
  readonly replication: number;
  readonly seed: number;
  readonly summary: SummaryRow;
  readonly timeseries: Timeseries;
  readonly detections: Detections;
}
