// The cluster recipes of docs/sweeps.md, run as written (with a small
// scenario): GNU parallel, the Slurm job array script (its tasks run with
// the variables Slurm sets) and the Kubernetes Indexed Job's command (with
// the index Kubernetes sets). Each set of shards, merged, must be the
// unsharded sweep byte for byte. GNU parallel is installed by .ci/run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sim, tempDir, writeJson } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const FILES = ["sweep.csv", "sweep-stats.csv", "sweep-skipped.csv"];
const read = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), "utf8")]));

const small = {
  name: "cluster",
  duration: "5m",
  replications: 2,
  clients: { count: 40, crash: { fraction: 0.3, between: ["1m", "4m"] } },
  network: { link: { delay: { dist: "constant", value: "30ms" }, loss: { model: "bernoulli", p: 0.1 } } },
  strategies: [{ name: "c", initiator: "client", interval: "20s", timeout: "50s" }],
  sweep: { vary: { "strategies.c.timeout": ["30s", "50s", "70s"] } },
};

/** a working folder that looks like the project (npx finds its sim), with the small scenario */
function project(): { dir: string; file: string } {
  const dir = tempDir();
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "cluster-test", private: true }));
  mkdirSync(join(dir, "examples"));
  return { dir, file: writeJson(dir, "cluster.json", small) };
}

describe("cluster recipes", () => {
  it("GNU parallel: parallel npx sim sweep F --shard {}/8 ::: $(seq 8), then sim merge", () => {
    const { dir, file } = project();
    expect(sim(["sweep", file, "--out", "whole", "--quiet"], dir).code).toBe(0);
    execFileSync("parallel", ["npx", "sim", "sweep", file, "--shard", "{}/8", "--quiet", ":::", "1", "2", "3", "4", "5", "6", "7", "8"], { cwd: dir });
    expect(sim(["merge", "results/cluster-sweep", "--out", "merged", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "merged"))).toEqual(read(join(dir, "whole")));
  }, 120_000);

  it("Slurm: examples/slurm-sweep.sh, one task per array index", () => {
    const { dir, file } = project();
    expect(sim(["sweep", file, "--out", "whole", "--quiet"], dir).code).toBe(0);
    const script = join(root, "examples", "slurm-sweep.sh");
    const shards = Number(/^SHARDS=(\d+)/m.exec(readFileSync(script, "utf8"))![1]);
    expect(readFileSync(script, "utf8")).toContain(`#SBATCH --array=1-${shards}`);
    for (let task = 1; task <= shards; task++) {
      const r = spawnSync("bash", [script, file], { cwd: dir, env: { ...process.env, SLURM_ARRAY_TASK_ID: String(task), SLURM_CPUS_PER_TASK: "1" }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(sim(["merge", "results/cluster-sweep", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "results", "cluster-sweep"))).toEqual(read(join(dir, "whole")));
  }, 120_000);

  it("Kubernetes: the Indexed Job's command, one pod per completion index", () => {
    const { dir, file } = project();
    expect(sim(["sweep", file, "--out", "whole", "--quiet"], dir).code).toBe(0);
    const manifest = readFileSync(join(root, "examples", "k8s-sweep-job.yaml"), "utf8");
    expect(manifest).toContain("completionMode: Indexed");
    const completions = Number(/completions: (\d+)/.exec(manifest)![1]);
    // the folded shell command of the container, with this test's scenario and volume
    const command = /args:\n\s+- >-\n((?:\s{14}.*\n)+)/.exec(manifest)![1].split("\n").map((l) => l.trim()).join(" ").trim();
    const here = command.replace("scenarios/sweeps/mobile-timeouts.json", file).replace("/results/mobile-timeouts-sweep", join(dir, "volume"));
    for (let index = 0; index < completions; index++) {
      const r = spawnSync("sh", ["-c", here], { cwd: dir, env: { ...process.env, JOB_COMPLETION_INDEX: String(index) }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(sim(["merge", "volume", "--out", "merged", "--quiet"], dir).code).toBe(0);
    expect(read(join(dir, "merged"))).toEqual(read(join(dir, "whole")));
    rmSync(join(dir, "volume"), { recursive: true, force: true });
  }, 120_000);
});
