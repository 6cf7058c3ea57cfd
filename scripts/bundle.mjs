// Bundles the compiled CLI into one file, dist/cli/sim.mjs (the `sim` bin),
// and the worker thread's entry into dist/parallel/worker.mjs. Node's ES
// module loader pays per file: the unbundled CLI loads a few hundred modules
// (ours, yargs, zod...), about 150 ms of start-up on every run, and every
// worker thread pays its own loading again. piscina stays external: it
// starts its workers from its own files.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = { bundle: true, platform: "node", format: "esm", target: "node20", sourcemap: true, logLevel: "warning" };
await build({
  ...common,
  entryPoints: [join(root, "dist/cli/main.js")],
  outfile: join(root, "dist/cli/sim.mjs"),
  external: ["piscina"],
  // a few dependencies are CommonJS and call require()
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: [join(root, "dist/parallel/worker.js")],
  outfile: join(root, "dist/parallel/worker.mjs"),
});
