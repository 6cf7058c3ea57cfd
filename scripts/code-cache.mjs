// Build step: makes dist/cli/cli.cjs.cache, the bundle's V8 code cache
// (src/cli/code-cache.ts). It starts the CLI in this process on a small run
// of the reference model, so that the functions every run calls (argument
// parsing, validation, the model, the CSV writers) are compiled when the
// cache is taken, and their bytecode is in it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { runBundle, writeCodeCache, CODE_CACHE } = await import(join(root, "dist/cli/code-cache.js"));
const out = mkdtempSync(join(tmpdir(), "hb-code-cache-"));
const scenario = join(root, "scenarios/bench/ref-10k.json");
process.argv = [process.argv[0], join(root, "dist/cli/sim.mjs"), "run", scenario, "--set", "clients.count=200", "--quiet", "--workers", "1", "--out", out];
rmSync(CODE_CACHE, { force: true });
const script = runBundle();
process.on("exit", (code) => {
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) {
    process.stderr.write(`code-cache: the warm-up run failed (exit ${code}); no cache written\n`);
    return;
  }
  writeCodeCache(script);
});
