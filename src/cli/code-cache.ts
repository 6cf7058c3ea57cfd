// Starts the CLI bundle (dist/cli/cli.cjs: main.ts and all it imports, one
// file) from V8's code cache. Compiling the 0.75 MB bundle, and then each
// function the first time it is called, was paid again on every run (with
// the cache, 10,000 clients for an hour: 0.95x the wall time, 0.88 -> 0.83
// s; 10k-mobile 0.94x). The build makes the cache once, after
// a short run in which the functions a run needs got compiled
// (scripts/code-cache.mjs), and every later start reads their bytecode
// instead of compiling. Node 20 caches no ES modules, so the bundle is
// CommonJS and is compiled here as a vm.Script, with the wrapper Node's own
// loader would give it. A missing, stale or rejected cache (another Node
// version, other V8 flags) only costs the compile: V8 checks the cache against
// the source and its own version and flags, and falls back on its own.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const HERE = dirname(fileURLToPath(import.meta.url));
export const BUNDLE = join(HERE, "cli.cjs");
export const CODE_CACHE = join(HERE, "cli.cjs.cache");

type ModuleWrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/** Compiles the bundle (from the cache when it holds) and runs it: the CLI starts. */
export function runBundle(): Script {
  const script = compileBundle();
  const module = { exports: {} };
  (script.runInThisContext() as ModuleWrapper)(module.exports, createRequire(BUNDLE), module, BUNDLE, HERE);
  return script;
}

/** The bundle as a script, from the code cache when there is one and V8 accepts it (script.cachedDataRejected) */
export function compileBundle(): Script {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    // no cache (a build that skipped it): compile from source
  }
  // one line, so the bundle's own line numbers stay as they are in stack traces
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(BUNDLE, "utf8")}\n})`;
  return new Script(source, { filename: BUNDLE, cachedData });
}

/** Writes the script's code cache (with every function compiled so far) beside the bundle, atomically. */
export function writeCodeCache(script: Script): void {
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, CODE_CACHE);
}
