// The output contract: column names and how each is formatted. Summaries are
// plain numbers here; only src/output/ turns them into text.

export type ColumnFormat =
  | "text" // strings, copied as they are
  | "int" // counts
  | "seconds" // at most 6 decimals
  | "ratio"; // rates and shares, at most 9 decimals (no exponent)

export const SUMMARY_COLUMNS = [
  ["scenario", "text"],
  ["strategy", "text"],
  ["replication", "int"],
  ["seed", "int"],
  ["clients", "int"],
  ["duration_s", "seconds"],
  ["server_msgs_in", "int"],
  ["server_msgs_out", "int"],
  ["server_msgs_per_s_mean", "ratio"],
  ["server_msgs_per_s_peak", "ratio"],
  ["crashes", "int"],
  ["detected", "int"],
  ["missed", "int"],
  ["detection_latency_mean_s", "seconds"],
  ["detection_latency_p50_s", "seconds"],
  ["detection_latency_p90_s", "seconds"],
  ["detection_latency_p99_s", "seconds"],
  ["detection_latency_max_s", "seconds"],
  ["false_positives", "int"],
  ["false_positives_unreachable", "int"],
  ["false_positives_per_client_hour", "ratio"],
  ["mistake_duration_mean_s", "seconds"],
  ["query_accuracy", "ratio"],
  ["client_tx_msgs_mean", "ratio"],
  ["client_rx_msgs_mean", "ratio"],
  ["client_tx_per_hour_mean", "ratio"],
  ["client_energy_j_per_hour_mean", "ratio"],
  ["client_wakeups_per_hour_mean", "ratio"],
  ["client_detection_latency_mean_s", "seconds"],
  ["client_detection_latency_p99_s", "seconds"],
  ["reconnects", "int"],
  ["events", "int"],
  ["fingerprint", "text"],
  // columns added after the contract's first list follow it, so that its columns keep their places
  ["crashes_untracked", "int"],
  // the strategy's settings, so that a spreadsheet pivot needs nothing else
  ["initiator", "text"],
  ["interval_s", "seconds"],
  ["timeout_s", "seconds"],
  ["client_timeout_s", "seconds"],
  ["detector", "text"],
  ["ack", "text"],
  ["piggyback", "text"],
  ["schedule", "text"],
  ["jitter", "ratio"],
  ["transport", "text"],
] as const satisfies readonly (readonly [string, ColumnFormat])[];

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number][0];

/** One summary row. `null` is an empty cell (no detections, radio "none", ...). */
export type SummaryRow = { readonly [K in SummaryColumn]: number | string | null };

export const SUMMARY_COLUMN_NAMES: readonly SummaryColumn[] = SUMMARY_COLUMNS.map((c) => c[0]);

/** Columns an `expect` block may bound: the numeric ones. */
export const NUMERIC_SUMMARY_COLUMNS: readonly SummaryColumn[] = SUMMARY_COLUMNS.filter(
  (c) => c[1] !== "text",
).map((c) => c[0]);

// The other two files' columns, by name; each row is formatted where it is
// built (src/output/csv.ts), one cell per name, in this order.
export const TIMESERIES_COLUMNS = [
  "strategy",
  "replication",
  "t_s",
  "server_in",
  "server_out",
  "tracked",
  "releases",
  "false_positives",
] as const;

export const DETECTION_COLUMNS = ["strategy", "replication", "client", "t_s", "crashed", "latency_s"] as const;
