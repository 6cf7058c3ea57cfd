// `sim merge DIR...`: join the shards of one sweep (run as `sim sweep FILE
// --shard K/N` on a cluster's scheduler) into the files the unsharded sweep
// writes, byte for byte. Each DIR is a shard folder, or a folder holding
// shard folders. Shards of another scenario or version, a shard given
// twice, or a missing shard are refused before anything is written.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { UserError } from "../../errors.js";
import { CHARTS_DIR, REPORT_FILE } from "../../report/names.js";
import { writeFolderAtomic } from "../../output/atomic.js";
import { statsCsv, sweepCsv, type SweepRow } from "../../output/sweep-csv.js";
import { MANIFEST, SHARD_ROWS, type ShardManifest } from "../sweep-files.js";
import { checkWritable } from "../writable.js";

interface MergeArgs {
  dirs: string[];
  out?: string;
  quiet: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: "merge <dirs..>",
  describe: "join the shards of a sweep (sim sweep --shard K/N) into sweep.csv and sweep-stats.csv",
  builder: (y: Argv) =>
    y
      .positional("dirs", { type: "string", array: true, demandOption: true, describe: "shard folders, or folders holding them" })
      .option("out", { type: "string", describe: "output folder (default: the folder holding the shards)" })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }) as unknown as Argv<MergeArgs>,
  handler: (args: ArgumentsCamelCase<MergeArgs>) => {
    const shards = args.dirs.flatMap(shardFolders).map(readShard);
    const first = checkShards(shards);
    const rows = shards.flatMap((s) => s.rows).sort((a, b) => a.index - b.index);
    const out = args.out ?? commonParent(shards.map((s) => s.dir));
    checkWritable(out);
    const columns = first.manifest.columns.map((name) => ({ name }));
    const sweepRows: SweepRow[] = rows.map((r) => ({ point: r.point, values: r.values, cells: r.cells }));
    writeFolderAtomic(out, {
      "sweep.csv": sweepCsv(columns, sweepRows),
      "sweep-stats.csv": statsCsv(columns, sweepRows),
      "sweep-skipped.csv": first.skipped,
    }, { drop: [REPORT_FILE, CHARTS_DIR] });
    if (!args.quiet) process.stderr.write(`merged ${shards.length} shards of ${first.manifest.scenario} (${rows.length} jobs); wrote ${out}/\n`);
  },
};

interface Shard {
  readonly dir: string;
  readonly manifest: ShardManifest;
  readonly rows: { index: number; point: number; values: string[]; cells: string[] }[];
  readonly skipped: string;
}

/** a shard folder, or the shard folders inside a folder */
function shardFolders(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: no such folder`);
  if (existsSync(join(dir, MANIFEST))) return [dir];
  const inside = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, MANIFEST)))
    .sort()
    .map((name) => join(dir, name));
  if (inside.length === 0) throw new UserError(`${dir}: no shard here (a shard folder holds ${MANIFEST}, written by sim sweep --shard K/N)`);
  return inside;
}

function readShard(dir: string): Shard {
  const bad = (what: string): never => {
    throw new UserError(`${dir}: ${what}; run its shard again`);
  };
  let manifest: ShardManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")) as ShardManifest;
  } catch {
    return bad(`${MANIFEST} is not readable JSON`);
  }
  if (manifest.format !== 1 || typeof manifest.sweep !== "string" || !Number.isInteger(manifest.shard) || !Number.isInteger(manifest.of)) {
    bad(`${MANIFEST} is not a shard manifest this version reads`);
  }
  if (!existsSync(join(dir, SHARD_ROWS))) bad(`${SHARD_ROWS} is missing`);
  const lines = readFileSync(join(dir, SHARD_ROWS), "utf8").split("\n").filter((l) => l !== "");
  const rows = lines.map((line) => {
    const [index, point, values, cells] = JSON.parse(line) as [number, number, string[], string[]];
    return { index, point, values, cells };
  });
  const skipped = existsSync(join(dir, "sweep-skipped.csv")) ? readFileSync(join(dir, "sweep-skipped.csv"), "utf8") : bad("sweep-skipped.csv is missing");
  return { dir, manifest, rows, skipped };
}

/** one sweep, one version, every shard of it once */
function checkShards(shards: readonly Shard[]): Shard {
  const first = shards[0];
  const m = first.manifest;
  for (const s of shards.slice(1)) {
    const o = s.manifest;
    if (o.version !== m.version) throw new UserError(`${s.dir}: a shard of version ${o.version}, ${first.dir} of version ${m.version}: run every shard with one version`);
    if (o.sweep !== m.sweep || o.of !== m.of) {
      throw new UserError(`${s.dir}: a shard of another sweep than ${first.dir} (another scenario, edits, or shard count): merge the shards of one sweep`);
    }
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.manifest.shard);
    if (other !== undefined) throw new UserError(`${s.dir}: shard ${s.manifest.shard} of ${m.of} again (also ${other})`);
    seen.set(s.manifest.shard, s.dir);
  }
  const missing = Array.from({ length: m.of }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new UserError(`missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${m.of} of ${m.scenario}: run them, then merge again`);
  const jobs = shards.reduce((n, s) => n + s.rows.length, 0);
  if (jobs !== m.jobs) throw new UserError(`the shards hold ${jobs} jobs, the sweep has ${m.jobs}: a shard folder is incomplete`);
  return first;
}

function commonParent(dirs: readonly string[]): string {
  const parents = new Set(dirs.map((d) => join(d, "..")));
  if (parents.size !== 1) throw new UserError("the shards are in different folders: say where the merged files go with --out DIR");
  return [...parents][0];
}
