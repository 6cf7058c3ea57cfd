// run.json: what a results folder's CSV files do not say on their own, for
// whoever reads the folder later (`sim report`, a script, a person): the
// version and format that wrote it, and the scenario's shape a chart needs
// (its length, the bucket of the time series, the server restarts to mark).
// Pure: text, no I/O.
import type { Plan } from "../scenario/plan.js";
import { formatMicros } from "./number.js";

/** bumped when a results folder's files change in a way a reader must know */
export const RESULTS_FORMAT = 1;

export interface RunJson {
  readonly format: number;
  /** the simulator's version */
  readonly sim: string;
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly clients: number;
  readonly duration_s: number;
  readonly bucket_s: number;
  readonly restarts: readonly { readonly at_s: number; readonly down_for_s: number }[];
  readonly strategies: readonly string[];
}

const seconds = (us: number): number => Number(formatMicros(us));

export function runJson(plan: Plan, simVersion: string, strategies: readonly string[]): string {
  const about: RunJson = {
    format: RESULTS_FORMAT,
    sim: simVersion,
    scenario: plan.name,
    seed: plan.seed,
    replications: plan.replications,
    clients: plan.clients.count,
    duration_s: seconds(plan.durationUs),
    bucket_s: seconds(plan.bucketUs),
    restarts: plan.server.restarts.map((r) => ({ at_s: seconds(r.atUs), down_for_s: seconds(r.downForUs) })),
    strategies,
  };
  return JSON.stringify(about, null, 2) + "\n";
}
