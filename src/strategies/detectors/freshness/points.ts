// Chen, Toueg and Aguilera's NFD-S freshness-point detector (IEEE Trans.
// Computers 2002), per client over a typed array. The client sends heartbeat
// m_i at s_i; its freshness point is tau_i = s_i + delta. During
// [tau_i, tau_{i+1}) the server trusts the client iff it has received some
// m_j with j >= i. So a received m_j keeps the client trusted until
// tau_{j+1} = s_{j+1} + delta, the freshness point of the heartbeat after
// it, and only the freshest message received matters (late, reordered
// older ones change nothing). A crash after sending m_k is detected at
// tau_{k+1}, at most eta + delta later (Chen's tight bound T_D <= eta + delta).
//
// Each message therefore carries the send time of the sender's next
// heartbeat (s_{j+1} = s_j + eta for a fixed period; the sender knows it under
// jitter, piggybacking or an adaptive interval too), and the caller passes it in.

export class Freshness {
  /** tau of the heartbeat after the freshest one received: the client is suspected from then on */
  private readonly suspectAt: Float64Array;

  constructor(
    clients: number,
    private readonly deltaUs: number,
  ) {
    this.suspectAt = new Float64Array(clients).fill(-Infinity);
  }

  /** A new connection: trusted until the freshness point of its first expected heartbeat. */
  start(i: number, nextSendUs: number): number {
    this.suspectAt[i] = nextSendUs + this.deltaUs;
    return this.suspectAt[i];
  }

  /**
   * A message from client i arrived; its sender's next heartbeat is due to be
   * sent at nextSendUs. Returns the instant the client becomes suspect unless
   * something fresher arrives first (unchanged when this message is stale).
   */
  heard(i: number, nextSendUs: number): number {
    const tau = nextSendUs + this.deltaUs;
    if (tau > this.suspectAt[i]) this.suspectAt[i] = tau;
    return this.suspectAt[i];
  }

  /** Trust at tUs, given every arrival up to tUs: tau_{j+1} is the first suspect instant. */
  trusts(i: number, tUs: number): boolean {
    return tUs < this.suspectAt[i];
  }

  suspectAtUs(i: number): number {
    return this.suspectAt[i];
  }
}
