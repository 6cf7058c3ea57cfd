// The output headers as the contract and docs/outputs.md document them,
// written out here by hand: tests compare the files with this, never with
// the product's own column list, so a column renamed, dropped or moved in
// the code fails a test until the documentation says so too.

/** the contract's columns (spec section 5) in its order, then the ones docs/outputs.md adds after them */
export const DOCUMENTED_SUMMARY_HEADER = [
  "scenario", "strategy", "replication", "seed", "clients", "duration_s",
  "server_msgs_in", "server_msgs_out", "server_msgs_per_s_mean", "server_msgs_per_s_peak",
  "crashes", "detected", "missed",
  "detection_latency_mean_s", "detection_latency_p50_s", "detection_latency_p90_s", "detection_latency_p99_s", "detection_latency_max_s",
  "false_positives", "false_positives_unreachable", "false_positives_per_client_hour", "mistake_duration_mean_s", "query_accuracy",
  "client_tx_msgs_mean", "client_rx_msgs_mean", "client_tx_per_hour_mean", "client_energy_j_per_hour_mean", "client_wakeups_per_hour_mean",
  "client_detection_latency_mean_s", "client_detection_latency_p99_s",
  "reconnects", "events", "fingerprint",
  "crashes_untracked",
  "initiator", "interval_s", "timeout_s", "client_timeout_s", "detector", "ack", "piggyback", "schedule", "jitter", "transport",
].join(",");

export const DOCUMENTED_TIMESERIES_HEADER = "strategy,replication,t_s,server_in,server_out,tracked,releases,false_positives";
export const DOCUMENTED_DETECTIONS_HEADER = "strategy,replication,client,t_s,crashed,latency_s";
