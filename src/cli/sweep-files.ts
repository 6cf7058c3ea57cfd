// What a sweep keeps on disk besides its results: each finished job's row,
// under the output folder, keyed by a hash of the job's resolved scenario and
// the simulator's version (so --resume skips exactly the jobs whose result
// would not change); and, for a shard, the manifest `sim merge` checks.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SweepJob } from "../sweep/sweep.js";

const JOBS = ".jobs";

/** the job's key: its resolved scenario, strategy, replication and the version, hashed */
export function jobKey(job: SweepJob, version: string): string {
  const text = JSON.stringify([version, job.plan, job.job.strategy, job.job.replication]);
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** a finished job's summary cells, written whole (temporary name, then rename), so a killed sweep leaves none half-written */
export function keepJob(dir: string, key: string, cells: readonly string[]): void {
  const jobs = join(dir, JOBS);
  mkdirSync(jobs, { recursive: true });
  const tmp = join(jobs, `.${key}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(cells));
  renameSync(tmp, join(jobs, `${key}.json`));
}

/** a kept job's cells, or undefined when the job has not finished before */
export function keptJob(dir: string, key: string): string[] | undefined {
  const path = join(dir, JOBS, `${key}.json`);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as string[];
}

/** The identity of a sweep: the scenario text, every edit and the version. Shards of one sweep share it. */
export function sweepIdentity(version: string, text: string, sets: readonly unknown[], vary: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify([version, text, sets, vary])).digest("hex").slice(0, 32);
}

export interface ShardManifest {
  readonly format: 1;
  readonly version: string;
  readonly sweep: string;
  readonly scenario: string;
  readonly shard: number;
  readonly of: number;
  /** jobs of the whole sweep */
  readonly jobs: number;
  readonly columns: readonly string[];
}

export const MANIFEST = "sweep-shard.json";
/** one line per job of the shard: [job index, point, swept cells, summary cells], as JSON */
export const SHARD_ROWS = "sweep-shard.jsonl";
