// TCP-style transport timing: loss turns into delay. A segment's first
// transmission goes at sentUs; each lost transmission is retransmitted after
// an RTO that starts at rtoMin and doubles up to rtoMax (Linux: 200 ms,
// 120 s), so k losses add rtoMin (2^k - 1) before the cap. After `retries`
// failed retransmissions the sender gives up and the connection is broken:
// with Linux's tcp_retries2 = 15, 924.6 s after the first transmission.
// Each direction delivers in order: a segment is never delivered before the
// one sent before it (a late segment holds back the ones behind it).
//
// Simplifications: every segment starts at rtoMin (no RTO state carried
// between segments, no RTT estimation), and ACKs are not modelled (a
// delivered segment is never retransmitted).
import type { TransportPlan } from "../scenario/plan.js";

export type TcpPlan = Extract<TransportPlan, { readonly kind: "tcp" }>;

/** send()'s result when every transmission was lost */
export const BROKEN = -1;

/**
 * One transmission of client i's segment at atUs: its delay in µs, or any
 * negative number when it is lost (src/net/link.ts's LOST; an outage or an
 * expired NAT mapping at atUs is a loss too).
 */
export type Transmit = (client: number, atUs: number) => number;

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

/** One direction (uplink or downlink) of every client's TCP connection. */
export class TcpDirection {
  /** delivery time of each client's latest delivered segment on this connection */
  private readonly lastDeliveryUs: Float64Array;
  /** transmissions (first + retransmissions) the latest send() made: each is a message sent */
  transmissions = 0;
  /** when the latest send() that returned BROKEN gave up */
  brokenAtUs = 0;

  constructor(
    private readonly plan: TcpPlan,
    clients: number,
  ) {
    this.lastDeliveryUs = new Float64Array(clients).fill(-Infinity);
  }

  /** A new connection of client i: nothing is held back by the old one's segments. */
  reset(i: number): void {
    this.lastDeliveryUs[i] = -Infinity;
  }

  /**
   * Client i's direction sends a segment at sentUs (sends in time order per
   * client). Returns its in-order delivery time, or BROKEN (then see
   * brokenAtUs). `transmit` is asked once per transmission, in time order.
   */
  send(i: number, sentUs: number, transmit: Transmit): number {
    const { retries } = this.plan;
    let at = sentUs;
    for (let k = 0; k <= retries; k++) {
      const delayUs = transmit(i, at);
      if (delayUs >= 0) {
        this.transmissions = k + 1;
        const own = at + delayUs;
        const delivered = own > this.lastDeliveryUs[i] ? own : this.lastDeliveryUs[i];
        this.lastDeliveryUs[i] = delivered;
        return delivered;
      }
      at += rtoUs(this.plan, k);
    }
    this.transmissions = retries + 1;
    this.brokenAtUs = at;
    return BROKEN;
  }
}
