// One simulated world: a scenario's clients and server under one strategy in
// one replication. It wires the kernel, links, client and server ends, the
// strategy, the detector and the recorder, draws the clients' connect and
// crash instants, and runs to the end of the scenario.
import { Simulator } from "../kernel/simulator.js";
import { wheelShape, type WheelShape } from "../kernel/wheel-queue.js";
import { Recorder } from "../metrics/recorder.js";
import { delayLawOf } from "../net/delay/registry.js";
import { Link } from "../net/link.js";
import { ClientStreams } from "../random/counter-rng.js";
import { streamKey } from "../random/keys.js";
import type { DelayPlan, Plan, StrategyPlan } from "../scenario/plan.js";
import type { Detector, Exchanges, HeartbeatPolicy, ModelContext } from "./ports.js";
import { ClientSide } from "./client.js";
import { AdaptiveIntervals } from "./components/adaptive.js";
import { Radios } from "./components/radio.js";
import { Outages } from "../net/outages.js";
import { Path } from "./path.js";
import { QuietRounds } from "./quiet-rounds.js";
import { Restarts } from "./restarts.js";
import { Traffic } from "./traffic.js";
import { EV } from "./kinds.js";
import { Network } from "./network.js";
import { ServerSide } from "./server.js";
import { TcpTransport } from "./tcp.js";
import { LinuxTcpTransport } from "./tcp-linux.js";
import { detectorTellsRounds, quietRoundsHold, tcpRoundsHold, visitTimers } from "./shortcut-scope.js";
import { ALL_SHORTCUTS, type Shortcuts } from "./shortcuts.js";
import { ClientTable, type LinkDirection } from "./state.js";
import { STREAMS, type StreamName } from "./streams.js";
import { Visits } from "./visits.js";

// The event rate the calendar's buckets are sized for: about four events per
// client per heartbeat round, a few tenths when quiet rounds run ahead (a
// generous rate: wider buckets cost less than emptier ones).
function eventsPerUs(plan: Plan, s: StrategyPlan, quiet: boolean): number {
  return ((quiet ? 0.4 : 4) * plan.clients.count) / s.intervalUs;
}

// The calendar's buckets are sized for the event rate and the shortest usual
// link delay, and its ring for the longest usual wait ahead.
function shapeFor(plan: Plan, s: StrategyPlan, quiet: boolean): WheelShape {
  const r = plan.clients.reconnect;
  const spanUs = Math.max(s.timeoutUs, s.clientTimeoutUs, s.intervalUs * (1 + s.jitter), r.connectTimeoutUs);
  const nearUs = Math.min(shortDelayUs(plan.network.uplink.delay), shortDelayUs(plan.network.downlink.delay));
  return wheelShape(eventsPerUs(plan, s, quiet), Math.min(spanUs, plan.durationUs), nearUs);
}

/** a delay most messages exceed (a low quantile, roughly), in µs: the delay law's own (src/net/delay/) */
function shortDelayUs(d: DelayPlan): number {
  return delayLawOf(d).shortDelayUs(d);
}

export class World implements ModelContext {
  readonly sim: Simulator;
  readonly count: number;
  /** both ends of every connection, one packed record per client */
  readonly state: ClientTable;
  readonly rec: Recorder;
  readonly net: Network;
  readonly timerJitter: ClientStreams;
  readonly clientSide: ClientSide;
  readonly serverSide: ServerSide;
  /** null for a scenario without server restarts */
  readonly restarts: Restarts | null;
  /** each client's heartbeat interval, for an adaptive strategy; null otherwise */
  readonly adaptive: AdaptiveIntervals | null;
  /**
   * With `adaptive`: the silence before each client's latest heartbeat. Its
   * ACK proves that gap, which is not always the current interval: the next
   * beat is already scheduled when the ACK that raises the interval arrives.
   */
  readonly sentGapUs: Float64Array | null;
  /** injected crashes (clients with a crash time) */
  crashes = 0;
  /** runs quiet heartbeat rounds ahead (src/model/quiet-rounds.ts); null where the scenario or the shortcuts rule it out */
  readonly quiet: QuietRounds | null;
  /** runs quiet heartbeat rounds and app requests over Linux's TCP at once; null where the scenario or the shortcuts rule it out */
  readonly exchanges: Exchanges | null;
  readonly visits: Visits;

  constructor(
    readonly plan: Plan,
    readonly strategy: StrategyPlan,
    readonly replication: number,
    readonly policy: HeartbeatPolicy,
    readonly detector: Detector,
    /** the exact speed-ups to use where the scenario allows them */
    readonly shortcuts: Shortcuts = ALL_SHORTCUTS,
  ) {
    const n = plan.clients.count;
    // quiet rounds find a round steady by the deadlines visits defer
    const quiet = shortcuts.quietRounds && shortcuts.visits && quietRoundsHold(plan, strategy);
    this.adaptive = strategy.adaptive ? new AdaptiveIntervals(n, strategy.adaptive) : null;
    this.sentGapUs = strategy.adaptive ? new Float64Array(n) : null;
    const key = (name: StreamName) => streamKey(plan.seed, replication, STREAMS[name].purpose);
    const stream = (name: Exclude<StreamName, "uplink" | "downlink">) => new ClientStreams(key(name), n, STREAMS[name].sequential);
    this.count = n;
    this.sim = new Simulator({
      horizonUs: plan.durationUs,
      initialCapacity: 4 * n + 64,
      wheel: shortcuts.queue === "wheel" ? shapeFor(plan, strategy, quiet) : undefined,
      timelines: shortcuts.queue === "timelines" ? n : undefined,
    });
    this.state = new ClientTable(n);
    this.rec = new Recorder(n, plan.durationUs, plan.bucketUs);
    // each direction's stream counter and loss state live in the client's record
    const link = (dir: LinkDirection) => new Link(plan.network[dir], this.state.linkStream(dir, key(dir)), this.state.linkStateBits(dir));
    const up = link("uplink");
    const down = link("downlink");
    const radio = plan.clients.radio;
    const outages = plan.network.outages ? new Outages(plan.network.outages, stream("outages"), n) : null;
    const nat = plan.network.natIdleTimeoutUs;
    const path = outages !== null || nat > 0 ? new Path(outages, nat, n) : null;
    const lastSent = strategy.piggyback ? new Float64Array(n) : null;
    this.net = new Network(this.sim, up, down, this.rec, radio ? new Radios(n, radio) : null, path, lastSent);
    this.timerJitter = stream("timerJitter");
    const timers = { client: strategy.initiator === "client", server: strategy.initiator === "server" && strategy.schedule !== "global" };
    const visits = visitTimers(strategy);
    this.visits = new Visits(n, timers, { client: shortcuts.visits && visits.client, server: shortcuts.visits && visits.server });
    this.clientSide = new ClientSide(this, stream("reconnectJitter"), this.visits);
    this.serverSide = new ServerSide(this);
    const transport = plan.network.transport;
    let linux: LinuxTcpTransport | null = null;
    if (transport.kind === "tcp") {
      if (transport.model === "linux") linux = new LinuxTcpTransport(this, transport, up, down);
      this.net.tcp = linux ?? new TcpTransport(this, transport, up, down);
    }
    const exchanges =
      shortcuts.quietRounds && shortcuts.visits && shortcuts.queue === "timelines" && tcpRoundsHold(plan, strategy) && detectorTellsRounds(strategy, detector);
    this.exchanges = exchanges ? linux : null;
    this.restarts = plan.server.restarts.length > 0 ? new Restarts(this) : null;
    const traffic = plan.clients.traffic;
    if (traffic) new Traffic(this, traffic.meanIntervalUs, stream("traffic"));
    this.quiet = quiet
      ? new QuietRounds(
          this.state,
          this.net.uplink,
          this.net.downlink,
          this.rec,
          {
            initiator: strategy.initiator,
            intervalUs: strategy.intervalUs,
            timeoutUs: strategy.timeoutUs,
            clientTimeoutUs: strategy.clientTimeoutUs,
            horizonUs: plan.durationUs,
            ack: strategy.ack,
          },
          this.clientSide.acks,
        )
      : null;
    this.net.quiet = this.quiet;
    policy.install(this);
    detector.install(this);
    this.visits.connect(this.clientSide.watch, detector);
    this.drawClients(stream("connect"), stream("crash"));
  }

  // Connect and crash instants come from streams keyed by client only, so
  // every strategy of the scenario sees the same clients and the same crashes.
  // Clients are numbered in the order they first connect: n uniform instants
  // are drawn, sorted, and client i takes the i-th. Heartbeat timers keep a
  // client's connect phase, so the clients busy at any instant are
  // neighbours in every per-client array; at a million clients that turns
  // most cache misses into hits (1.5x faster), and it changes no
  // distribution: the instants are the same iid draws, only relabelled.
  private drawClients(connect: ClientStreams, crash: ClientStreams): void {
    const { connectSpreadUs, crash: c } = this.plan.clients;
    const connectAt = new Float64Array(this.count);
    for (let j = 0; j < this.count; j++) connectAt[j] = Math.floor(connect.at(j, 0) * connectSpreadUs);
    connectAt.sort();
    for (let i = 0; i < this.count; i++) {
      if (c.fraction > 0 && crash.at(i, 0) < c.fraction) {
        this.state.setCrashAt(i, c.fromUs + Math.floor(crash.at(i, 1) * (c.toUs - c.fromUs)));
        this.crashes++;
      }
      this.sim.schedule(connectAt[i], EV.CONNECT, i, 0);
    }
  }
}
