// Bundles the compiled CLI into one file, dist/cli/cli.cjs (started by the
// `sim` bin, dist/cli/sim.mjs, from its code cache: src/cli/code-cache.ts),
// and the worker thread's entry into dist/parallel/worker.mjs. Node's ES
// module loader pays per file: the unbundled CLI loads a few hundred modules
// (ours, yargs, zod...), about 150 ms of start-up on every run, and every
// worker thread pays its own loading again. piscina stays external: it
// starts its workers from its own files.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning" };
await build({
  ...common,
  // CommonJS, because Node 20 keeps a code cache only for scripts
  format: "cjs",
  entryPoints: [join(root, "dist/cli/main.js")],
  outfile: join(root, "dist/cli/cli.cjs"),
  external: ["piscina"],
  // the modules find files next to themselves through import.meta.url
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  format: "esm",
  entryPoints: [join(root, "dist/parallel/worker.js")],
  outfile: join(root, "dist/parallel/worker.mjs"),
});
// the report page's script with Vega and vega-tooltip, one minified file
// that `sim report` inlines into report.html (src/report/page/main.ts)
await build({
  bundle: true,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  entryPoints: [join(root, "src/report/page/main.ts")],
  outfile: join(root, "dist/report/page.js"),
});
