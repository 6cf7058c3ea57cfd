// TCP-style retransmission timing: loss turns into delay. A segment's first
// transmission goes at sentUs; each lost transmission is retransmitted after
// an RTO that starts at rtoMin and doubles up to rtoMax (Linux: 200 ms,
// 120 s), so k losses add rtoMin (2^k - 1) before the cap. After `retries`
// failed retransmissions the sender gives up and the connection is broken:
// with Linux's tcp_retries2 = 15, 924.6 s after the first transmission.
//
// These are the closed forms; the model (src/model/tcp.ts) applies them one
// event at a time, because whether a retransmission happens at all depends
// on the state at its instant (a crash, a closed connection, an outage).
//
// Simplifications: every segment starts at rtoMin (no RTO state carried
// between segments, no RTT estimation), and ACKs are not modelled (a
// delivered segment is never retransmitted).
import type { TransportPlan } from "../scenario/plan.js";

export type TcpPlan = Extract<TransportPlan, { readonly kind: "tcp" }>;

/** the RTO after transmission k (k = 0: the first), µs */
export function rtoUs(plan: TcpPlan, k: number): number {
  const doubled = plan.rtoMinUs * Math.pow(2, k);
  return doubled < plan.rtoMaxUs ? doubled : plan.rtoMaxUs;
}

/** when transmission k (k = 0: the first, at sentUs) goes out */
export function transmissionAtUs(plan: TcpPlan, sentUs: number, k: number): number {
  let at = sentUs;
  for (let m = 0; m < k; m++) at += rtoUs(plan, m);
  return at;
}

/** from the first transmission until the sender gives up: the sum of retries + 1 RTOs */
export function giveUpAfterUs(plan: TcpPlan): number {
  return transmissionAtUs(plan, 0, plan.retries + 1);
}
