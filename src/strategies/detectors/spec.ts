// What a detector is, to the rest of the simulator: everything one kind of
// detector needs besides its run-time class, in its own folder
// (detectors/<name>/spec.ts), listed once in registry.ts. The scenario
// schema, the strategy checks, the plan, the memory estimate and the factory
// all read the registry, so adding a detector is one folder, one line in
// registry.ts and one in plans.ts (docs/architecture.md walks through it).
import type * as z from "zod";
import type { Detector } from "../../model/ports.js";
import type { Path, Problem } from "../../scenario/messages.js";
import type { Plan, StrategyPlan } from "../../scenario/plan.js";

/** What the strategy checks tell a detector about the strategy it is in (durations in µs). */
export interface StrategyFacts {
  /** the strategy's JSON path, for the problem's path */
  readonly path: Path;
  readonly initiator: "client" | "server";
  /** the server's ping schedule as written (undefined: the default, or client heartbeats) */
  readonly schedule: string | undefined;
  readonly jitter: number;
  readonly piggyback: boolean;
  readonly adaptive: boolean;
  /** the clients send application requests (clients.traffic) */
  readonly traffic: boolean;
  /** the timeout as written; undefined when left out */
  readonly timeoutUs: number | undefined;
  /** the longest interval (an adaptive one's max) */
  readonly longestUs: number;
  /** the silence the detector implies at that interval (spec.silenceUs) */
  readonly silenceUs: number | undefined;
  /** "the interval" or "the longest interval", and its value as written in messages */
  readonly longest: string;
  readonly interval: string;
}

export interface DetectorSpec<P extends { readonly kind: string }, S extends z.ZodType> {
  readonly kind: P["kind"];
  /** its object in a strategy's `detector` field (a strict object with `kind`) */
  readonly schema: S;
  /** the parsed object -> its plan (durations already in µs) */
  resolve(input: z.output<S>): P;
  /**
   * The silence after which it releases a client whose heartbeats come
   * exactly every intervalUs; stands in for `timeout` when none is written.
   * Undefined when it needs the strategy's timeout.
   */
  silenceUs(d: P, intervalUs: number): number | undefined;
  /**
   * The longest it takes to release a crashed client whose heartbeats came
   * regularly over loss-free links until the crash (the last message heard
   * precedes the crash): the bound the contract suite holds it to
   * (test/strategies/detector-contract.test.ts).
   */
  boundUs(d: P, s: StrategyPlan): number;
  /** the first thing wrong with it in this strategy, or undefined */
  check(d: P, s: StrategyFacts): Problem | undefined;
  /** its own per-client memory (src/model/footprint.ts) */
  bytesPerClient(d: P, plan: Plan, s: StrategyPlan): number;
  make(d: P): Detector;
  /** the initiators it works with (check refuses the others) */
  readonly initiators: readonly ("client" | "server")[];
  /** a typical object of its kind, as a scenario would write it (the contract suite runs each detector with it) */
  readonly example: z.input<S>;
  /**
   * Whether it is the plain silence timeout the quiet-round shortcut
   * computes in closed form (src/model/shortcuts.ts); any other detector
   * runs every round as events.
   */
  readonly plainTimeout: boolean;
}
