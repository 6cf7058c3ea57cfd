// Where the shortcuts apply: the scenarios whose every round they compute
// exactly. Apart from shortcuts.ts (the switch), which the model's ports
// name, because it asks the detectors' registry.
import type { Plan, StrategyPlan } from "../scenario/plan.js";
import { specOf } from "../strategies/detectors/registry.js";
import type { Detector } from "./ports.js";

// Quiet rounds run ahead only where nothing but the connection's own round
// can touch a client between its timer's firings: datagrams, no outages,
// NAT, restarts, app traffic or radio, a fixed interval (no jitter,
// adaptive or piggyback), per-client timers, the timeout detector.
export function quietRoundsHold(plan: Plan, s: StrategyPlan): boolean {
  const net = plan.network;
  return (
    net.transport.kind === "datagram" &&
    !net.outages &&
    net.natIdleTimeoutUs === 0 &&
    plan.server.restarts.length === 0 &&
    !plan.clients.traffic &&
    plan.clients.radio === null &&
    !s.adaptive &&
    !s.piggyback &&
    s.jitter === 0 &&
    specOf(s.detector).plainTimeout &&
    (s.initiator === "client" || s.schedule === "per-client")
  );
}

// A heartbeat round over Linux's TCP runs at once (LinuxTcpTransport.quietExchange)
// where a round is one side's own per-connection timer, its message, the
// answer and the TCP ACKs, and nothing server-wide can come between: no
// restarts, a fixed interval (no jitter), and a detector that can tell a
// quiet round (its quietPingByUs or quietBeatByUs; the world asks the
// detector itself). Server pings: per-client, without piggyback (a
// piggybacked ping's timer moves with what the server hears). Client
// beats: answered (`ack`: the answer is the round's second segment),
// without an adaptive interval (its success rule re-arms the timer inside
// the round); piggyback stays (the beat looks at the client's last send
// before the round). Outages, NAT, app traffic and radios stay: the round
// is judged against each, and against the client's other events, which
// timelines show (so they must be on).
export function tcpRoundsHold(plan: Plan, s: StrategyPlan): boolean {
  const t = plan.network.transport;
  if (t.kind !== "tcp" || t.model !== "linux" || plan.server.restarts.length > 0 || s.jitter !== 0) return false;
  if (s.initiator === "server") return s.schedule === "per-client" && !s.piggyback;
  return s.ack && !s.adaptive;
}

/** the detector can tell a quiet round of the strategy's kind: a ping's (quietPingByUs) or a beat's (quietBeatByUs) */
export function detectorTellsRounds(s: StrategyPlan, detector: Detector): boolean {
  return s.initiator === "server" ? detector.quietPingByUs !== undefined : detector.quietBeatByUs !== undefined;
}

// Deadlines learn from a side's timer visits where that side keeps a timer
// per connection that fires on a schedule known when it is set: the
// client's beats, and the server's per-client pings. The global tick is one
// timer for all, and engine.io's after-answer ping has no next firing until
// the answer comes.
export function visitTimers(s: StrategyPlan): { readonly client: boolean; readonly server: boolean } {
  return { client: s.initiator === "client", server: s.initiator === "server" && s.schedule === "per-client" };
}
